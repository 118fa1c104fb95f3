-- Who a case is about: a missing child (published by police directly) or an elder (published from a guardian's
-- escalation). The statistics of missing children (团圆's published figures) count children's cases only.
alter table missing_case add column subject varchar(10) not null default 'CHILD' check (subject in ('CHILD', 'ELDER'));
update missing_case set subject = 'ELDER' where id in (select case_id from escalation where case_id is not null);
