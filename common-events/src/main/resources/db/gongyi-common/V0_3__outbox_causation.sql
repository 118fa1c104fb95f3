-- The event whose processing emitted this one (null for events a command emitted): ce_causationid.
alter table outbox_event add column caused_by uuid;
