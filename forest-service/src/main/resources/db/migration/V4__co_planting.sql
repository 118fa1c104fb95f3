-- Co-planting: one user invites a friend to share a tree; when the friend accepts, both pay their part at once.
create table co_planting (
    id              uuid primary key,
    project_id      uuid         not null references planting_project (id),
    initiator_id    varchar(200) not null,
    partner_id      varchar(200) not null,
    initiator_grams bigint       not null check (initiator_grams > 0),
    partner_grams   bigint       not null check (partner_grams > 0),
    status          varchar(10)  not null check (status in ('PENDING', 'PLANTED', 'DECLINED', 'CANCELLED')),
    certificate_no  varchar(40),
    created_at      timestamptz  not null,
    decided_at      timestamptz,
    check (initiator_id <> partner_id)
);
create index co_planting_initiator on co_planting (initiator_id, created_at desc);
create index co_planting_partner on co_planting (partner_id, created_at desc);
