-- Shield items earned by rule (domain ShieldRule): the days each person collected their own energy, and the weeks in
-- which that earned them an item (once a week).
create table collect_day (
    user_id varchar(200) not null,
    day     date         not null,
    primary key (user_id, day)
);

create table shield_earned (
    user_id    varchar(200) not null,
    week_start date         not null check (extract(isodow from week_start) = 1),
    earned_at  timestamptz  not null,
    primary key (user_id, week_start)
);
