-- Projection rows name their events: a ball an action earned the action's event (as its action does), cap counters
-- the event of the last action they counted, a totals slot the event of the last credit in energy_credited (its other
-- columns count commands, which consume no event). Rows written before this migration, and balls from friends or
-- watering (commands), have none.
alter table energy_ball add column source_event_id uuid;
alter table energy_usage add column last_event_id uuid;
alter table household_usage add column last_event_id uuid;
alter table forest_totals add column last_credit_event_id uuid;
