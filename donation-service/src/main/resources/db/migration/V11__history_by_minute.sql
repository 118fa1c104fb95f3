-- The platform's history (the live report's charts, GET /totals/history): donations by the minute their deals
-- completed, reversals by the minute they were made; kept in the transaction of each donation and reversal, one row a
-- minute however many events it holds.
create table donation_minute (
    minute         timestamptz primary key check (minute = date_trunc('minute', minute)),
    donated_fen    bigint not null default 0,
    donation_count bigint not null default 0,
    reversed_fen   bigint not null default 0,
    reversal_count bigint not null default 0
);

-- what was donated and reversed before this table
insert into donation_minute (minute, donated_fen, donation_count)
select date_trunc('minute', completed_at), sum(amount_fen), count(*) from donation group by 1;
insert into donation_minute as m (minute, reversed_fen, reversal_count)
select date_trunc('minute', reversed_at), sum(amount_fen), count(*) from donation_reversal group by 1
on conflict (minute) do update set reversed_fen = m.reversed_fen + excluded.reversed_fen,
                                   reversal_count = m.reversal_count + excluded.reversal_count;
