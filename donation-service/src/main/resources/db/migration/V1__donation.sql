-- donation-service (Charity Treasure). Amounts are integer fen.

create table charity_project (
    id             uuid primary key,
    name           varchar(200)  not null,
    description    varchar(4000),
    charity_id     varchar(100)  not null,
    kind           varchar(20)   not null check (kind in ('ONGOING', 'TIME_LIMITED')),
    target_fen     bigint check (target_fen > 0),
    starts_at      timestamptz,
    ends_at        timestamptz,
    donated_fen    bigint        not null default 0 check (donated_fen >= 0),
    reversed_fen   bigint        not null default 0 check (reversed_fen >= 0),
    donation_count bigint        not null default 0,
    reversal_count bigint        not null default 0,
    created_at     timestamptz   not null,
    check (kind = 'ONGOING' or (target_fen is not null and ends_at is not null))
);

-- Rule history per item: a change applies to deals completed after it; the rule in force is kept on each donation.
create table charity_rule (
    id             uuid primary key,
    item_id        varchar(200) not null,
    seller_id      varchar(200) not null,
    project_id     uuid         not null references charity_project (id),
    rule_type      varchar(20)  not null check (rule_type in ('PERCENTAGE', 'FIXED')),
    basis_points   int check (basis_points between 10 and 10000),
    fixed_fen      bigint check (fixed_fen in (2, 10, 100)),
    effective_from timestamptz  not null,
    effective_to   timestamptz,
    check ((rule_type = 'PERCENTAGE' and basis_points is not null and fixed_fen is null)
        or (rule_type = 'FIXED' and fixed_fen is not null and basis_points is null))
);
create unique index charity_rule_current on charity_rule (item_id) where effective_to is null;
create index charity_rule_item_time on charity_rule (item_id, effective_from);

create table donation (
    id           uuid primary key,
    order_id     varchar(200) not null,
    item_id      varchar(200) not null,
    buyer_id     varchar(200) not null,
    seller_id    varchar(200) not null,
    province     varchar(50)  not null,
    project_id   uuid         not null references charity_project (id),
    rule_id      uuid         not null references charity_rule (id),
    rule_type    varchar(20)  not null,
    basis_points int,
    fixed_fen    bigint,
    paid_fen     bigint       not null check (paid_fen > 0),
    amount_fen   bigint       not null check (amount_fen > 0 and amount_fen <= paid_fen),
    completed_at timestamptz  not null,
    recorded_at  timestamptz  not null,
    reversed_at  timestamptz,
    unique (order_id, item_id)
);
create index donation_buyer on donation (buyer_id, completed_at);
create index donation_project on donation (project_id);

-- A refund never deletes a donation: it adds a reversal entry.
create table donation_reversal (
    id          uuid primary key,
    donation_id uuid         not null unique references donation (id),
    amount_fen  bigint       not null check (amount_fen > 0),
    reason      varchar(500),
    reversed_at timestamptz  not null
);
