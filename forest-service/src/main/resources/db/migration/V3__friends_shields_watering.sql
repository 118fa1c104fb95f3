-- Friends: an explicit list. A link is one user's request; two links (both ways) make a friendship.
create table friend_link (
    user_id    varchar(200) not null,
    friend_id  varchar(200) not null,
    created_at timestamptz  not null,
    primary key (user_id, friend_id),
    check (user_id <> friend_id)
);
create index friend_link_reverse on friend_link (friend_id);

-- Shield items a user holds (granted by the platform), and the shield in force: friends cannot collect until it ends.
create table shield (
    user_id   varchar(200) primary key,
    items     int          not null default 0 check (items >= 0),
    item_hours int         not null default 24 check (item_hours between 1 and 720),
    ends_at   timestamptz
);

-- Waterings per waterer, friend and Shanghai day (capped per day).
create table watering (
    waterer varchar(200) not null,
    friend  varchar(200) not null,
    day     date         not null,
    times   int          not null check (times > 0),
    primary key (waterer, friend, day)
);
