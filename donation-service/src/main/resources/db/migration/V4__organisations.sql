-- Charity organisations. A project belongs to one; only a verified organisation's projects take rules.
create table charity_organisation (
    id          varchar(100) primary key,
    name        varchar(200) not null,
    verified_at timestamptz,
    created_at  timestamptz  not null
);
insert into charity_organisation (id, name, created_at)
select distinct charity_id, charity_id, now() from charity_project;
alter table charity_project add constraint charity_project_organisation
    foreign key (charity_id) references charity_organisation (id);
