-- An escalation shows the agency where the person was when the guardian escalated (a snapshot, not live tracking),
-- and only until it expires. Escalations made before this migration take their snapshot now and expire 72 hours
-- after they were made.
alter table escalation add column last_latitude double precision;
alter table escalation add column last_longitude double precision;
alter table escalation add column last_recorded_at timestamptz;
alter table escalation add column left_zone_at timestamptz;
alter table escalation add column expires_at timestamptz;

update escalation x
   set last_latitude = coalesce(p.latitude, e.zone_latitude),
       last_longitude = coalesce(p.longitude, e.zone_longitude),
       last_recorded_at = p.recorded_at,
       left_zone_at = (select a.left_at from elder_alert a where a.elder_id = e.id and a.returned_at is null),
       expires_at = x.created_at + interval '72 hours'
  from elder e
  left join lateral (select latitude, longitude, recorded_at from elder_position
                     where elder_id = e.id order by recorded_at desc limit 1) p on true
 where e.id = x.elder_id;

alter table escalation alter column last_latitude set not null;
alter table escalation alter column last_longitude set not null;
alter table escalation alter column expires_at set not null;
