-- Lucky bags (福包) of campaigns: a sponsor's pool, its bags (their amounts drawn when it is funded), the chances that
-- campaign participations give, each chance's draw recorded with its inputs, and how many bags each person opened a
-- day. An opened bag's donation is a donation like any other, marked with its pool.
create table lucky_pool (
    id               uuid primary key,
    campaign_id      uuid         not null,
    sponsor_id       varchar(200) not null,
    name             varchar(200) not null,
    total_fen        bigint       not null check (total_fen > 0),
    bag_count        int          not null check (bag_count between 1 and 1000000),
    min_fen          bigint       not null check (min_fen > 0),
    max_fen          bigint       not null check (max_fen >= min_fen),
    chance_ppm       int          not null check (chance_ppm between 1 and 1000000),
    per_person_daily int          not null check (per_person_daily > 0),
    opens_at         timestamptz  not null,
    closes_at        timestamptz  not null check (closes_at > opens_at),
    commitment       char(64)     not null,
    secret           bytea        not null,
    funded_at        timestamptz  not null
);
create index lucky_pool_campaign on lucky_pool (campaign_id, funded_at);

create table lucky_bag (
    pool_id     uuid         not null references lucky_pool (id),
    bag_no      int          not null,
    amount_fen  bigint       not null check (amount_fen > 0),
    opened_by   varchar(200),
    opened_at   timestamptz,
    project_id  uuid,
    donation_id uuid,
    primary key (pool_id, bag_no),
    check ((opened_by is null) = (opened_at is null) and (opened_by is null) = (donation_id is null)
        and (opened_by is null) = (project_id is null))
);
-- the bags an opener may take: lowest number first, concurrent openers skip each other's
create index lucky_bag_unopened on lucky_bag (pool_id, bag_no) where opened_by is null;

-- a participation's chance, once per fact and campaign; drawn once, against the pool it was drawn against
create table lucky_chance (
    campaign_id      uuid         not null,
    participation_id uuid         not null,
    person_id        varchar(200) not null,
    occurred_at      timestamptz  not null,
    source_event_id  uuid,
    drawn_at         timestamptz,
    pool_id          uuid references lucky_pool (id),
    draw_hmac        char(64),
    opened           boolean,
    bag_no           int,
    primary key (campaign_id, participation_id),
    check ((drawn_at is null) = (pool_id is null) and (drawn_at is null) = (opened is null)),
    check (bag_no is null or opened)
);
create index lucky_chance_undrawn on lucky_chance (person_id, campaign_id, occurred_at) where drawn_at is null;
create index lucky_chance_pool on lucky_chance (pool_id) where pool_id is not null;

create table lucky_opener_day (
    pool_id   uuid         not null references lucky_pool (id),
    person_id varchar(200) not null,
    day       date         not null,
    opened    int          not null check (opened > 0),
    primary key (pool_id, person_id, day)
);

-- a bag's donation: no seller's rule, its pool named instead
alter table donation add column lucky_pool_id uuid;
alter table donation alter column rule_id drop not null;
alter table donation alter column rule_type drop not null;
alter table donation add constraint donation_rule_or_pool check ((rule_id is null) = (lucky_pool_id is not null)
    and (rule_type is null) = (lucky_pool_id is not null)) not valid;
alter table donation validate constraint donation_rule_or_pool;
