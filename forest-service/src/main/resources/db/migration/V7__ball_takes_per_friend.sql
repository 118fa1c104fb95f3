-- Friends collect from a ripe ball once each (not one friend per ball): each take is a row, and the ball keeps the
-- sum of what friends took (friend_grams) for the owner's collection. The ball's former single taker becomes a take.
create table ball_take (
    ball_id   uuid         not null references energy_ball (id),
    friend_id varchar(200) not null,
    grams     bigint       not null check (grams > 0),
    taken_at  timestamptz  not null,
    primary key (ball_id, friend_id)
);
insert into ball_take (ball_id, friend_id, grams, taken_at)
select id, friend_id, friend_grams, friend_collected_at from energy_ball where friend_id is not null;
alter table energy_ball drop column friend_id;
alter table energy_ball drop column friend_collected_at;
