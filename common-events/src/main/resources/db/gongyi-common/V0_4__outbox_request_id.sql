-- The X-Request-Id of the request (or of the event) that emitted this event: ce_requestid.
alter table outbox_event add column request_id varchar(128);
