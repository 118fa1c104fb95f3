-- The platform's history (GET /totals/history, the live report's charts): energy credited by the minute its actions
-- happened, spread over the totals' slots as forest_totals is (concurrent batches of different users rarely wait on
-- one row); trees by the minute they were planted, per species. Kept in the transactions that credit and plant.
create table forest_minute (
    minute           timestamptz not null check (minute = date_trunc('minute', minute)),
    slot             smallint    not null,
    credited_grams   bigint      not null default 0,
    credited_actions bigint      not null default 0,
    primary key (minute, slot)
);

create table tree_minute (
    minute       timestamptz not null check (minute = date_trunc('minute', minute)),
    species_code varchar(40) not null,
    trees        bigint      not null default 0,
    primary key (minute, species_code)
);

-- what was credited and planted before these tables (read as the sum of the slots, so one slot holds it)
insert into forest_minute (minute, slot, credited_grams, credited_actions)
select date_trunc('minute', occurred_at), 0, sum(grams), count(*) from energy_action where status = 'CREDITED' group by 1;
insert into tree_minute (minute, species_code, trees)
select date_trunc('minute', planted_at), species_code, count(*) from tree group by 1, 2;
