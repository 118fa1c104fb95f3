-- Consumers whose every effect has a natural key (Inbox.Guard.NATURAL_KEYS) keep, instead of one processed-event
-- record per event, the next offset to apply per partition, written in the effect's own transaction.
create table inbox_offset (
    consumer    varchar(100) not null,
    topic       varchar(200) not null,
    partition   integer      not null,
    next_offset bigint       not null,
    updated_at  timestamptz  not null default now(),
    primary key (consumer, topic, partition)
);
