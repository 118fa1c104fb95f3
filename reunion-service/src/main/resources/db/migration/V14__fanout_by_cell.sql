-- Fan-out by cell (issue #34). Devices are read in the order of their 0.01° cell (an index by latitude cell, then
-- longitude cell, carrying all a push needs: the recipient, and the coordinates the devices along a circle are checked
-- by), so a push reads a few thousand contiguous ranges of the index alone instead of a device row here and there, and
-- a widening reads only its ring.
--
-- Who a case has reached is no longer a row per device. A push records the snapshot it read the devices in
-- (pushed_snapshot) with its radius: the case has reached every device that was where it is now when that snapshot
-- was taken (its located_xid visible in it) and lies within the radius, and the devices kept in alert_delivery: a
-- device that moves (or is registered again) after a push reached it is written there first, so its new place does
-- not decide. A widening reaches the ring between the old and the new radius, and the devices that moved into the old
-- disc since; a closure reaches the disc as of the last push and the devices kept.
alter table device
    add column lat_cell int generated always as (cast(round(latitude * 100) as int)) stored,
    add column lon_cell int generated always as (cast(round(longitude * 100) as int)) stored,
    add column located_xid xid8 not null default pg_current_xact_id();

create index device_cells on device (lat_cell, lon_cell)
    include (id, platform, push_token, located_xid, latitude, longitude);
-- the devices moved since a case's last push
create index device_located on device (located_xid);
-- the cells replace it (no query reads devices by their earth point any more)
drop index device_pos;

-- null for cases pushed before this migration: their alert_delivery rows name every device they reached
alter table missing_case add column pushed_snapshot pg_snapshot;
