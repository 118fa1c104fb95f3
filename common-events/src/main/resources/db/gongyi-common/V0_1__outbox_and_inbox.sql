-- Shared event plumbing, created in every service's own schema (common-events).

-- Transactional outbox: written in the same transaction as the state change, published by the relay.
create table outbox_event (
    id            bigint generated always as identity primary key,
    event_id      uuid         not null unique,
    topic         varchar(200) not null,
    partition_key varchar(200) not null,
    ce_type       varchar(200) not null,
    ce_source     varchar(200) not null,
    ce_subject    varchar(200),
    ce_time       timestamptz  not null,
    payload       text         not null,
    created_at    timestamptz  not null default now(),
    sent_at       timestamptz
);
create index outbox_event_unsent on outbox_event (id) where sent_at is null;

-- Wakes the relay as soon as a transaction that wrote outbox rows commits.
create function outbox_event_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('gongyi_outbox_' || tg_table_schema, '');
    return null;
end $$;
create trigger outbox_event_inserted after insert on outbox_event
    for each statement execute function outbox_event_notify();

-- Idempotent inbox: one row per processed event, written in the same transaction as its effect.
create table inbox_processed (
    consumer     varchar(100) not null,
    event_id     uuid         not null,
    ce_type      varchar(200) not null,
    ce_source    varchar(200) not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);
