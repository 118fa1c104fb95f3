-- Counters name the event that last changed them (ce_id of the purchase or refund whose donation or reversal they
-- count), and first-seen rows the event that created them (a project's donor, a platform buyer): with the fact rows'
-- source_event_id, every projection row leads back to an event. Rows written before this migration have none.
alter table charity_project add column last_event_id uuid;
alter table platform_totals add column last_event_id uuid;
alter table platform_province add column last_event_id uuid;
alter table project_donor add column source_event_id uuid;
alter table platform_buyer add column source_event_id uuid;
