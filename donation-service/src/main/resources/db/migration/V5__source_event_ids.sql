-- Every fact row carries the id (ce_id) of the event that produced it: a donation its purchase, a reversal its
-- refund, a refund that came before its purchase the refund. Rows written before this migration have none.
alter table donation add column source_event_id uuid;
alter table donation_reversal add column source_event_id uuid;
alter table early_refund add column source_event_id uuid;
