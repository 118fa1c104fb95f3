-- People reached: each case counts the devices its alert was delivered to, as it pushes. The count is kept when a
-- device later opts out and its delivery rows are erased. Cases pushed before this migration count the deliveries
-- still kept (those of devices that opted out since are gone, so they are not counted).
alter table missing_case add column devices_reached bigint not null default 0;

update missing_case m
   set devices_reached = (select count(*) from alert_delivery d where d.case_id = m.id);
