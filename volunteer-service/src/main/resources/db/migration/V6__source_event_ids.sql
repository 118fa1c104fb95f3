-- Welfare time credited for an event (a donation, a tree) carries that event's id (ce_id); a donation credit the id
-- of its donation.recorded. Credits for offline service and blood come from commands and have none.
alter table welfare_credit add column source_event_id uuid;
alter table donation_credit add column source_event_id uuid;
