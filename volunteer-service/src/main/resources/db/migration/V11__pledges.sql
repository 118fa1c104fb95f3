-- The yearly 3-hour pledge (人人3小时) a person takes with a tap ("I pledge 3 hours this year"): once a person a year,
-- years in China Standard Time. Taking it is a command (the certificate, by contrast, is earned by welfare time).
create table pledge (
    user_id    varchar(200) not null,
    year       int          not null,
    pledged_at timestamptz  not null,
    primary key (user_id, year)
);
