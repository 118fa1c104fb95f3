-- forest-service (Green Forest): energy from low-carbon actions. Energy is in grams; days and months are
-- Asia/Shanghai calendar days.

-- The energy rule table, versioned: an action is judged by the version in force when it happened.
create table energy_rule_version (
    version        int primary key,
    effective_from timestamptz  not null,
    created_at     timestamptz  not null,
    created_by     varchar(200) not null
);

create table energy_rule (
    version               int         not null references energy_rule_version (version),
    action_type           varchar(40) not null,
    grams                 bigint      not null check (grams between 1 and 1000000),
    steps_per_unit        bigint check (steps_per_unit > 0),
    cap_period            varchar(10) check (cap_period in ('DAY', 'MONTH')),
    cap_count             int check (cap_count > 0),
    cap_grams             bigint check (cap_grams > 0),
    min_amount_fen        bigint check (min_amount_fen >= 0),
    household_monthly_cap int check (household_monthly_cap > 0),
    primary key (version, action_type)
);

insert into energy_rule_version (version, effective_from, created_at, created_by)
values (1, '2000-01-01T00:00:00Z', now(), 'migration');
insert into energy_rule (version, action_type, grams, steps_per_unit, cap_period, cap_count, cap_grams, min_amount_fen,
                         household_monthly_cap)
values (1, 'WALKING', 200, 10000, 'DAY', null, 296, null, null),
       (1, 'OFFLINE_PAYMENT', 5, null, 'DAY', 10, null, 100, null),
       (1, 'UTILITY_BILL', 262, null, 'MONTH', 10, null, 100, 1),
       (1, 'CINEMA_TICKET', 180, null, 'MONTH', 10, null, null, null),
       (1, 'TRAIN_TICKET', 136, null, 'MONTH', 10, null, null, null),
       (1, 'HOSPITAL_APPOINTMENT', 277, null, 'MONTH', 5, null, null, null),
       (1, 'METRO_RIDE', 52, null, 'DAY', 5, null, null, null),
       (1, 'BUS_RIDE', 80, null, 'DAY', 5, null, null, null),
       (1, 'ETC_TOLL', 23, null, 'DAY', 5, null, null, null),
       (1, 'E_INVOICE', 5, null, 'DAY', 5, null, null, null);

create table energy_account (
    user_id         varchar(200) primary key,
    balance_grams   bigint      not null default 0 check (balance_grams >= 0),
    collected_grams bigint      not null default 0 check (collected_grams >= 0),
    spent_grams     bigint      not null default 0 check (spent_grams >= 0),
    created_at      timestamptz not null
);

-- Every reported action, credited or not, with the reason when not (or when only partly) credited.
create table energy_action (
    id                uuid primary key,
    user_id           varchar(200) not null,
    action_type       varchar(40)  not null,
    source_ref        varchar(200) not null,
    quantity          bigint       not null,
    amount_fen        bigint,
    household_account varchar(100),
    occurred_at       timestamptz  not null,
    rule_version      int          not null references energy_rule_version (version),
    status            varchar(10)  not null check (status in ('CREDITED', 'CAPPED', 'REJECTED')),
    grams             bigint       not null check (grams >= 0),
    reason            varchar(300),
    ball_id           uuid,
    recorded_at       timestamptz  not null,
    unique (action_type, source_ref),
    check ((status = 'CREDITED') = (grams > 0))
);
create index energy_action_user on energy_action (user_id, occurred_at desc);

-- What a user earned per action type per day and per month: the cap counters.
create table energy_usage (
    user_id      varchar(200) not null,
    action_type  varchar(40)  not null,
    period       varchar(10)  not null check (period in ('DAY', 'MONTH')),
    period_start date         not null,
    action_count bigint       not null check (action_count >= 0),
    grams        bigint       not null check (grams >= 0),
    primary key (user_id, action_type, period, period_start)
);

-- Per household account per month (one utility bill per household, whoever pays it).
create table household_usage (
    action_type       varchar(40)  not null,
    household_account varchar(100) not null,
    month             date         not null,
    action_count      int          not null check (action_count > 0),
    primary key (action_type, household_account, month)
);

-- Energy balls: one per credited action (or watering). Ripe from ripens_at, gone at expires_at.
create table energy_ball (
    id                  uuid primary key,
    user_id             varchar(200) not null,
    kind                varchar(10)  not null check (kind in ('ACTION', 'WATERING')),
    action_type         varchar(40),
    action_id           uuid references energy_action (id),
    from_user           varchar(200),
    grams               bigint       not null check (grams > 0),
    ripens_at           timestamptz  not null,
    expires_at          timestamptz  not null check (expires_at > ripens_at),
    collected_at        timestamptz,
    collected_grams     bigint check (collected_grams >= 0),
    friend_id           varchar(200),
    friend_grams        bigint check (friend_grams > 0),
    friend_collected_at timestamptz,
    created_at          timestamptz  not null,
    check (coalesce(collected_grams, 0) + coalesce(friend_grams, 0) <= grams)
);
create index energy_ball_open on energy_ball (user_id, expires_at) where collected_at is null;

-- Platform totals, kept in the transactions that change them. Spread over 16 slots (by user) so that concurrent
-- transactions of different users rarely wait on one row; a read sums the slots.
create table forest_totals (
    slot             int primary key check (slot between 0 and 15),
    users            bigint not null default 0,
    energy_credited  bigint not null default 0,
    energy_collected bigint not null default 0,
    energy_spent     bigint not null default 0
);
insert into forest_totals (slot) select generate_series(0, 15);
