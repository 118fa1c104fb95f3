-- Processed-event records are deleted after their retention (Retention): a BRIN index finds the old ones (rows arrive
-- in time order) for a few pages, where a B-tree would cost every event's insert.
create index inbox_processed_age on inbox_processed using brin (processed_at);
