-- Telling people their energy ripened (forest.energy-ripe, for the push gateway): once per person and Shanghai day,
-- for the action balls that ripened that day and are not collected yet. The index finds the balls ripening in a
-- window across all users.
create table ripe_notice (
    user_id    varchar(200) not null,
    day        date         not null,
    balls      int          not null check (balls > 0),
    grams      bigint       not null check (grams > 0),
    noticed_at timestamptz  not null,
    primary key (user_id, day)
);
create index energy_ball_ripening on energy_ball (ripens_at) where collected_at is null and kind = 'ACTION';
