-- Police mark a lead as handled, once: who, when, with an outcome and a note (the lead list shows it).
alter table lead add column handled_at timestamptz;
alter table lead add column handled_by varchar(200);
alter table lead add column handling_outcome varchar(20)
    check (handling_outcome in ('FOLLOWED_UP', 'NOT_RELEVANT', 'DUPLICATE'));
alter table lead add column handling_note varchar(2000);
alter table lead add constraint lead_handled_whole
    check ((handled_at is null) = (handled_by is null) and (handled_at is null) = (handling_outcome is null));
