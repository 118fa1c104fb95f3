-- The W3C trace context (traceparent) of the work that wrote the row: the relay's publish span continues that trace.
alter table outbox_event add column traceparent varchar(55);
