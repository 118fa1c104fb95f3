-- Reminders are sent once per activity; a yearly certificate once a person reaches the 3-hour pledge.
alter table activity add column reminded_at timestamptz;
create index activity_to_remind on activity (starts_at) where status = 'OPEN' and reminded_at is null;

create sequence certificate_seq;
create table pledge_certificate (
    user_id        varchar(200) not null,
    year           int          not null,
    certificate_no varchar(40)  not null unique,
    issued_at      timestamptz  not null,
    primary key (user_id, year)
);
