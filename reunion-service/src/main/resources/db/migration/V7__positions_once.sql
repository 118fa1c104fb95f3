-- A locator's position is one fact per person and time: sent again (under a new event id) it is not stored twice.
delete from elder_position p using elder_position q
where p.elder_id = q.elder_id and p.recorded_at = q.recorded_at and p.id > q.id;
drop index elder_position_elder;
create unique index elder_position_elder on elder_position (elder_id, recorded_at desc);
