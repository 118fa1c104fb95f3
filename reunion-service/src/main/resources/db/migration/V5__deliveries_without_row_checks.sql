-- A push records one delivery per device in reach (tens of thousands per case); each foreign key cost a trigger query
-- per row (measured: 565 ms of a 100 km push to 22,257 devices, 2 cores). The pusher writes deliveries only for the
-- case it holds locked (select … for update) and for devices it reads in the same statement, and cases are never
-- deleted, so the checks guarded against nothing. An index by device (for the cascade, which had none and so read
-- the whole table per opt-out) would cost as much again per row: an opt-out queues its device instead, and a purge
-- deletes the queued devices' deliveries in one pass every few minutes (a push racing the opt-out has committed its
-- deliveries by then, so they go too). Until then they name a device that is gone, and the closure push skips them
-- (it joins the devices).
alter table alert_delivery drop constraint alert_delivery_case_id_fkey;
alter table alert_delivery drop constraint alert_delivery_device_id_fkey;
create table device_erasure (
    device_id    uuid primary key,
    requested_at timestamptz not null
);
