-- Campaigns (9.5 Charity Week): the participations of their actions inside their window, each fact once, and their
-- live counter: participations and participants overall ('*'), per system ('area:FOREST') and per province
-- ('province:Zhejiang'), kept as they are counted.
create table campaign (
    id         uuid primary key,
    name       varchar(200) not null,
    starts_at  timestamptz  not null,
    ends_at    timestamptz  not null check (ends_at > starts_at),
    actions    varchar(30)[] not null,
    goal       bigint       not null check (goal > 0),
    created_at timestamptz  not null
);
create index campaign_window on campaign (ends_at, starts_at);

create table campaign_participation (
    campaign_id     uuid         not null references campaign (id),
    action          varchar(30)  not null,
    source_ref      varchar(300) not null,
    person_id       varchar(200) not null,
    area            varchar(20)  not null,
    province        varchar(50),
    occurred_at     timestamptz  not null,
    source_event_id uuid,
    primary key (campaign_id, action, source_ref)
);

create table campaign_participant (
    campaign_id uuid         not null references campaign (id),
    scope       varchar(80)  not null,
    person_id   varchar(200) not null,
    primary key (campaign_id, scope, person_id)
);

create table campaign_tally (
    campaign_id    uuid        not null references campaign (id),
    scope          varchar(80) not null,
    participations bigint      not null,
    participants   bigint      not null,
    primary key (campaign_id, scope)
);
