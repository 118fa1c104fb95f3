-- A person's yearly total per source names the event of its last change: the donation, tree or reversal consumed,
-- or for a command (verified service, a blood donation) the volunteer.welfare-time-credited it published. Rows
-- written before this migration have none.
alter table welfare_year add column last_event_id uuid;
