-- Blood donations declared by volunteers and verified by an organisation; disputes of recorded service time.
create table blood_donation (
    id              uuid primary key,
    user_id         varchar(200) not null,
    organisation_id varchar(100) not null references organisation (id),
    donated_at      timestamptz  not null,
    volume_ml       int          not null check (volume_ml between 200 and 800),
    status          varchar(10)  not null check (status in ('PENDING', 'VERIFIED', 'REJECTED')),
    declared_at     timestamptz  not null,
    decided_by      varchar(200),
    decided_at      timestamptz
);
create index blood_donation_organisation on blood_donation (organisation_id, status, declared_at);
create index blood_donation_user on blood_donation (user_id, declared_at desc);

alter table service_record drop constraint service_record_status_check;
alter table service_record add constraint service_record_status_check
    check (status in ('OPEN', 'RECORDED', 'DISPUTED', 'VERIFIED'));
alter table service_record add column dispute_reason varchar(1000);
