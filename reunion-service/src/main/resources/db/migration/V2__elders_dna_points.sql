-- Elderly anti-loss (团聚寻亲): people enrolled by a guardian, their locator's positions (kept for a limited period,
-- then purged), safe-zone exits, escalations to the police; and DNA collection points.

create table elder (
    id             uuid primary key,
    name           varchar(100)     not null,
    birth_year     int              not null check (birth_year between 1880 and 2100),
    condition      varchar(200),
    locator_id     varchar(200)     not null unique,
    zone_latitude  double precision not null check (zone_latitude between -90 and 90),
    zone_longitude double precision not null check (zone_longitude between -180 and 180),
    zone_radius_m  int              not null check (zone_radius_m between 50 and 100000),
    zone_state     varchar(10)      not null default 'UNKNOWN' check (zone_state in ('UNKNOWN', 'INSIDE', 'OUTSIDE')),
    last_seen_at   timestamptz,
    created_by     varchar(200)     not null,
    created_at     timestamptz      not null
);

create table elder_guardian (
    elder_id    uuid         not null references elder (id) on delete cascade,
    guardian_id varchar(200) not null,
    added_at    timestamptz  not null,
    primary key (elder_id, guardian_id)
);
create index elder_guardian_guardian on elder_guardian (guardian_id);

create table elder_position (
    id          bigserial primary key,
    elder_id    uuid             not null references elder (id) on delete cascade,
    latitude    double precision not null,
    longitude   double precision not null,
    recorded_at timestamptz      not null,
    received_at timestamptz      not null
);
create index elder_position_elder on elder_position (elder_id, recorded_at desc);
create index elder_position_age on elder_position (recorded_at);

-- One alert per exit from the safe zone, cleared on return. Its position is location data too (purged with them).
create table elder_alert (
    id          uuid primary key,
    elder_id    uuid             not null references elder (id) on delete cascade,
    left_at     timestamptz      not null,
    latitude    double precision,
    longitude   double precision,
    returned_at timestamptz
);
create index elder_alert_elder on elder_alert (elder_id, left_at desc);
create unique index elder_alert_open on elder_alert (elder_id) where returned_at is null;

create table escalation (
    id          uuid primary key,
    elder_id    uuid          not null references elder (id) on delete cascade,
    agency_id   varchar(100)  not null,
    guardian_id varchar(200)  not null,
    note        varchar(2000),
    created_at  timestamptz   not null,
    case_id     uuid references missing_case (id)
);
create index escalation_agency on escalation (agency_id, created_at desc);

create table dna_point (
    id            uuid primary key,
    name          varchar(200)     not null,
    address       varchar(500)     not null,
    phone         varchar(50),
    opening_hours varchar(200),
    latitude      double precision not null check (latitude between -90 and 90),
    longitude     double precision not null check (longitude between -180 and 180),
    pos           earth            not null,
    created_at    timestamptz      not null
);
create index dna_point_pos on dna_point using gist (pos);
