-- The test consumer's effects (org.gongyi.events.testapp.ActionsConsumer): every application of an action, in the order
-- applied (no key of its own: applying an event twice shows as two rows), and a projection per user.
create table action_applied (
    applied_order bigint generated always as identity primary key,
    event_id      uuid         not null,
    user_id       varchar(200) not null,
    source_ref    varchar(200) not null,
    quantity      bigint       not null
);
create table action_total (
    user_id  varchar(200) primary key,
    actions  integer      not null,
    quantity bigint       not null
);
