-- The outbox becomes append-only: one insert per event and nothing else. The relay keeps how far it has published
-- (every row up to published_through was acknowledged by Kafka or never committed) instead of updating each row it
-- sends, which wrote a second row version and two index entries per event.
create table outbox_relay (
    id                smallint    primary key default 1 check (id = 1),
    published_through bigint      not null,
    updated_at        timestamptz not null default now()
);
insert into outbox_relay (published_through)
select coalesce((select min(id) - 1 from outbox_event where sent_at is null), (select max(id) from outbox_event), 0);

drop index outbox_event_unsent;
alter table outbox_event drop constraint outbox_event_event_id_key;
alter table outbox_event drop column sent_at;
-- Retention finds published rows past their time through it (rows arrive in time order), for a few pages per insert.
create index outbox_event_age on outbox_event using brin (created_at);

-- What the relay has still to publish. Through a function that puts the bound into the query as a value: with a
-- subquery the planner cannot know how few rows are left and scans the whole table. In the schema it was made in,
-- whoever reads it.
create function outbox_pending_rows() returns setof outbox_event language plpgsql stable
    set search_path from current as $$
begin
    return query execute format('select * from outbox_event where id > %s order by id',
                                (select published_through from outbox_relay));
end $$;
create view outbox_pending as select * from outbox_pending_rows();
