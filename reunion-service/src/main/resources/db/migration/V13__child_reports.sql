-- A family reports a missing child to a police agency; the agency's police publish a case from it or decline it with
-- a reason. Only the agency's police and the reporting family see it.
create table child_report (
    id               uuid primary key,
    agency_id        varchar(100)     not null,
    reporter_id      varchar(200)     not null,
    reporter_contact varchar(200)     not null,
    child_name       varchar(100)     not null,
    age              int              not null check (age between 0 and 17),
    sex              varchar(10)      not null check (sex in ('FEMALE', 'MALE', 'UNKNOWN')),
    description      varchar(4000),
    photo_url        varchar(2000),
    latitude         double precision not null check (latitude between -90 and 90),
    longitude        double precision not null check (longitude between -180 and 180),
    lost_at          timestamptz      not null,
    created_at       timestamptz      not null,
    status           varchar(10)      not null check (status in ('PENDING', 'PUBLISHED', 'DECLINED')),
    decided_at       timestamptz,
    decided_by       varchar(200),
    decline_reason   varchar(2000),
    case_id          uuid references missing_case (id),
    check ((status = 'PENDING') = (decided_at is null)),
    check ((status = 'PUBLISHED') = (case_id is not null)),
    check ((status = 'DECLINED') = (decline_reason is not null))
);
create index child_report_agency on child_report (agency_id, created_at desc);
create index child_report_reporter on child_report (reporter_id, created_at desc);
