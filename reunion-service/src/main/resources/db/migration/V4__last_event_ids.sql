-- An elder's zone state and last-seen time name the locator position they come from; an exit alert, besides the
-- position that opened it (source_event_id), the one that closed it. Rows written before this migration have none.
alter table elder add column last_event_id uuid;
alter table elder_alert add column returned_event_id uuid;
