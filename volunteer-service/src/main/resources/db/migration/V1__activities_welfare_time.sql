-- volunteer-service (人人3小时): organisations, activities, sign-ups with a wait-list, service records, welfare time.
-- Welfare time is counted in tenths of an hour (1 = 0.1); years are Asia/Shanghai calendar years.

create table organisation (
    id          varchar(100) primary key,
    name        varchar(200) not null,
    verified_at timestamptz,
    created_at  timestamptz  not null
);

create table activity (
    id               uuid primary key,
    organisation_id  varchar(100)  not null references organisation (id),
    title            varchar(200)  not null,
    description      varchar(4000),
    place            varchar(300)  not null,
    starts_at        timestamptz   not null,
    ends_at          timestamptz   not null,
    sign_up_deadline timestamptz   not null,
    capacity         int           not null check (capacity between 1 and 100000),
    confirmed        int           not null default 0 check (confirmed >= 0),
    status           varchar(10)   not null check (status in ('OPEN', 'CANCELLED')),
    created_by       varchar(200)  not null,
    created_at       timestamptz   not null,
    cancelled_at     timestamptz,
    check (ends_at > starts_at),
    check (sign_up_deadline <= starts_at),
    check (confirmed <= capacity)
);
create index activity_upcoming on activity (starts_at) where status = 'OPEN';
create index activity_organisation on activity (organisation_id, starts_at desc);

-- Sign-ups: confirmed up to the capacity, then wait-listed in arrival order (seq); a cancellation promotes the next.
create table sign_up (
    id           uuid primary key,
    seq          bigserial    not null,
    activity_id  uuid         not null references activity (id),
    user_id      varchar(200) not null,
    status       varchar(10)  not null check (status in ('CONFIRMED', 'WAITLISTED', 'CANCELLED')),
    signed_up_at timestamptz  not null,
    confirmed_at timestamptz,
    cancelled_at timestamptz
);
create unique index sign_up_active on sign_up (activity_id, user_id) where status <> 'CANCELLED';
create index sign_up_waitlist on sign_up (activity_id, seq) where status = 'WAITLISTED';
create index sign_up_user on sign_up (user_id, signed_up_at desc);

-- Attendance: checked in and out by the organisation; the time is recorded, then verified (or corrected) by it.
create table service_record (
    id              uuid primary key,
    activity_id     uuid         not null references activity (id),
    user_id         varchar(200) not null,
    checked_in_at   timestamptz  not null,
    checked_out_at  timestamptz,
    minutes         int check (minutes >= 0),
    tenths          int check (tenths >= 0),
    status          varchar(10)  not null check (status in ('OPEN', 'RECORDED', 'VERIFIED')),
    verified_by     varchar(200),
    verified_at     timestamptz,
    unique (activity_id, user_id)
);

-- Welfare time credited, once per source (a service record, a donation, a tree …).
create table welfare_credit (
    id          uuid primary key,
    user_id     varchar(200) not null,
    source      varchar(20)  not null check (source in ('OFFLINE_SERVICE', 'DONATION', 'TREE', 'BLOOD')),
    source_ref  varchar(200) not null,
    year        int          not null,
    tenths      int          not null check (tenths > 0),
    credited_at timestamptz  not null,
    unique (source, source_ref, user_id)
);
create index welfare_credit_user on welfare_credit (user_id, year);

-- Per person, year and source: the pledge progress and the yearly caps.
create table welfare_year (
    user_id varchar(200) not null,
    year    int          not null,
    source  varchar(20)  not null,
    tenths  int          not null check (tenths >= 0),
    primary key (user_id, year, source)
);
