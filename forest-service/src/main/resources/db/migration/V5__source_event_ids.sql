-- Every judged action carries the id (ce_id) of the low-carbon action event it came from; its ball (and the
-- forest.energy-credited event, ce_causationid) lead back to it.
alter table energy_action add column source_event_id uuid;
