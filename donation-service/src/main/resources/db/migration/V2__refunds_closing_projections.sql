-- Partial refunds: a donation is reversed in proportion, possibly in several entries.
alter table donation add column refunded_fen bigint not null default 0;
alter table donation add column reversed_fen bigint not null default 0;
alter table donation add constraint donation_refunded_within_paid check (refunded_fen between 0 and paid_fen);
alter table donation add constraint donation_reversed_within_amount check (reversed_fen between 0 and amount_fen);
alter table donation_reversal drop constraint donation_reversal_donation_id_key;
alter table donation_reversal add column refunded_fen bigint not null default 0;
create index donation_reversal_donation on donation_reversal (donation_id);
create index donation_seller on donation (seller_id, completed_at);

-- A refund that arrives before its purchase waits here and is applied when the purchase is recorded.
create table early_refund (
    id           uuid primary key,
    order_id     varchar(200) not null,
    item_id      varchar(200),            -- null: the whole order
    refunded_fen bigint,                  -- null: all of it
    reason       varchar(500),
    refunded_at  timestamptz  not null,
    applied_at   timestamptz
);
create index early_refund_pending on early_refund (order_id) where applied_at is null;

-- A project can be closed; a closed or ended project takes no new rules and its rules stop donating.
alter table charity_project add column closed_at timestamptz;
alter table charity_project add column donor_count bigint not null default 0;

-- Projections behind the public figures, updated in the same transaction as each donation.
create table project_donor (
    project_id uuid         not null references charity_project (id),
    buyer_id   varchar(200) not null,
    primary key (project_id, buyer_id)
);
create table platform_totals (
    id             int primary key check (id = 1),
    donated_fen    bigint not null default 0,
    reversed_fen   bigint not null default 0,
    donation_count bigint not null default 0,
    buyer_count    bigint not null default 0,
    province_count bigint not null default 0
);
insert into platform_totals (id) values (1);
create table platform_buyer (
    buyer_id varchar(200) primary key
);
create table platform_province (
    province       varchar(50) primary key,
    donation_count bigint not null default 0,
    donated_fen    bigint not null default 0
);
