-- Payouts: a settlement closes a period per project. Every donation and reversal entry belongs to at most one payout,
-- so settled payouts plus the open balance always equal the project's net donations.
create table payout (
    id             uuid primary key,
    project_id     uuid        not null references charity_project (id),
    period_start   timestamptz,
    period_end     timestamptz not null,
    donated_fen    bigint      not null,
    reversed_fen   bigint      not null,
    net_fen        bigint      not null,
    donation_count bigint      not null,
    reversal_count bigint      not null,
    created_at     timestamptz not null,
    unique (project_id, period_end)
);
alter table donation add column payout_id uuid references payout (id);
alter table donation_reversal add column project_id uuid references charity_project (id);
update donation_reversal r set project_id = d.project_id from donation d where d.id = r.donation_id;
alter table donation_reversal alter column project_id set not null;
alter table donation_reversal add column payout_id uuid references payout (id);
create index donation_unsettled on donation (project_id, recorded_at) where payout_id is null;
create index donation_reversal_unsettled on donation_reversal (project_id, reversed_at) where payout_id is null;
