-- A locator is paired with the person wearing it by its activation code (printed in its box; the locator's gateway
-- or an operator registers it): only the holder of the code enrols that person. Locators enrolled before pairing
-- existed are registered with a hash no code has (they were enrolled; a new code is registered to re-pair one).
create table locator (
    locator_id    varchar(200) primary key,
    code_hash     varchar(64)  not null,
    registered_at timestamptz  not null
);
insert into locator (locator_id, code_hash, registered_at)
select locator_id, 'none', created_at from elder
on conflict do nothing;

-- A guardian added by another one consents first: invited until they accept (or decline).
create table guardian_invitation (
    elder_id    uuid         not null references elder (id) on delete cascade,
    guardian_id varchar(200) not null,
    invited_by  varchar(200) not null,
    invited_at  timestamptz  not null,
    primary key (elder_id, guardian_id)
);
create index guardian_invitation_guardian on guardian_invitation (guardian_id);
