-- What friends see of each other: a person's feed (who took from their balls and who watered them, newest first) and
-- the friends' leaderboard (energy collected each week, Monday to Sunday in Asia/Shanghai, kept as it is collected).
alter table ball_take add column owner_id varchar(200);
update ball_take t set owner_id = b.user_id from energy_ball b where b.id = t.ball_id;
alter table ball_take alter column owner_id set not null;
create index ball_take_owner on ball_take (owner_id, taken_at desc);
create index energy_ball_watered on energy_ball (user_id, created_at desc) where kind = 'WATERING';

create table collected_week (
    user_id    varchar(200) not null,
    week_start date         not null check (extract(isodow from week_start) = 1),
    grams      bigint       not null check (grams > 0),
    primary key (user_id, week_start)
);
-- what was collected before this table: own balls and takes from friends' balls
insert into collected_week (user_id, week_start, grams)
select user_id, week_start, sum(grams)
from (select user_id, cast(date_trunc('week', collected_at at time zone 'Asia/Shanghai') as date) as week_start,
             collected_grams as grams
      from energy_ball where collected_at is not null and collected_grams > 0
      union all
      select friend_id, cast(date_trunc('week', taken_at at time zone 'Asia/Shanghai') as date), grams
      from ball_take) c
group by user_id, week_start;
