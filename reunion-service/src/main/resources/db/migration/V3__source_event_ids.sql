-- A stored position and the exit alert it opened carry the id (ce_id) of the locator-position event.
alter table elder_position add column source_event_id uuid;
alter table elder_alert add column source_event_id uuid;
