-- Per-identity request counters for abuse limits (fixed windows); old windows are deleted as new ones start.
create table rate_limit_window (
    limit_key    varchar(300) not null,
    window_start timestamptz  not null,
    hits         int          not null,
    primary key (limit_key, window_start)
);
