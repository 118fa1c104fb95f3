-- reunion-service (团圆): missing-person cases, opted-in devices, deliveries, leads. Geo search uses the
-- earthdistance extension (points as earth cubes with GiST indexes); the database's superuser installs it
-- (the embedded server does; see README for an external database).
create extension if not exists cube;
create extension if not exists earthdistance;

create table missing_case (
    id               uuid primary key,
    agency_id        varchar(100)     not null,
    officer_id       varchar(200)     not null,
    person_name      varchar(100)     not null,
    age              int              not null check (age between 0 and 130),
    sex              varchar(10)      not null check (sex in ('FEMALE', 'MALE', 'UNKNOWN')),
    photo_url        varchar(2000),
    description      varchar(4000),
    latitude         double precision not null check (latitude between -90 and 90),
    longitude        double precision not null check (longitude between -180 and 180),
    pos              earth            not null,
    lost_at          timestamptz      not null,
    contact          varchar(200)     not null,
    status           varchar(10)      not null check (status in ('PUBLISHED', 'CLOSED')),
    published_at     timestamptz      not null,
    radius_km        int,
    next_push_at     timestamptz,
    closed_at        timestamptz,
    closed_by        varchar(200),
    closure          varchar(20) check (closure in ('FOUND', 'FALSE_REPORT')),
    outcome          varchar(20) check (outcome in ('RESCUED', 'RAN_AWAY', 'LOST', 'DECEASED', 'OTHER')),
    check ((status = 'CLOSED') = (closed_at is not null and closure is not null)),
    check (closure is distinct from 'FOUND' or outcome is not null)
);
create index missing_case_pos on missing_case using gist (pos);
create index missing_case_due on missing_case (next_push_at) where next_push_at is not null;
create index missing_case_published on missing_case (published_at);
create index missing_case_agency on missing_case (agency_id, published_at desc);

-- Devices that opted in to alerts: only the latest coarse location (0.01°) is kept.
create table device (
    id            uuid primary key,
    owner_id      varchar(200)     not null,
    platform      varchar(10)      not null check (platform in ('IOS', 'ANDROID', 'WEB')),
    push_token    varchar(500)     not null unique,
    latitude      double precision not null check (latitude between -90 and 90),
    longitude     double precision not null check (longitude between -180 and 180),
    pos           earth            not null,
    registered_at timestamptz      not null,
    located_at    timestamptz      not null
);
create index device_pos on device using gist (pos);
create index device_owner on device (owner_id);

-- Each device gets a case's alert once (whatever the radius that reached it) and its closure once.
create table alert_delivery (
    case_id              uuid        not null references missing_case (id),
    device_id            uuid        not null references device (id) on delete cascade,
    radius_km            int         not null,
    delivered_at         timestamptz not null,
    closure_delivered_at timestamptz,
    primary key (case_id, device_id)
);

create table lead (
    id         uuid primary key,
    case_id    uuid         not null references missing_case (id),
    author_id  varchar(200) not null,
    text       varchar(2000) not null,
    latitude   double precision check (latitude between -90 and 90),
    longitude  double precision check (longitude between -180 and 180),
    photo_url  varchar(2000),
    created_at timestamptz  not null,
    check ((latitude is null) = (longitude is null))
);
create index lead_case on lead (case_id, created_at);
