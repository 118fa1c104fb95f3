-- Payloads are kept as they are written, out of line when large, not compressed: an outbox row lives minutes, and
-- compressing it (pglz, the only method of the embedded server) cost PostgreSQL 2.9 s of one core for the 203 MB of
-- a 500 km push's notification batches against 0.8 s for writing them plain (docs/benchmarks.md, fan-out).
alter table outbox_event alter column payload set storage external;
