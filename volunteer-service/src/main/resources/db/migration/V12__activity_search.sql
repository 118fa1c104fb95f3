-- Finding activities (#33): a city (null for activities published before), a category (OTHER for them) and an
-- optional place on the map with the radius a check-in must come from. The place is also kept as an earth cube
-- (pos) for the GiST index, as reunion-service does; cube and earthdistance are installed in public by the database's
-- owner (the services' roles may not create extensions: the embedded server, the local launcher and the Kubernetes
-- manifests do), so these lines only find them.
create extension if not exists cube schema public;
create extension if not exists earthdistance schema public;

alter table activity add column city varchar(100) check (city is null or length(trim(city)) > 0);
alter table activity add column category varchar(20) not null default 'OTHER'
    check (category in ('ELDERLY', 'CHILDREN', 'ENVIRONMENT', 'EDUCATION', 'COMMUNITY', 'HEALTH', 'DISASTER',
                        'ANIMALS', 'CULTURE', 'OTHER'));
alter table activity add column latitude double precision check (latitude between -90 and 90);
alter table activity add column longitude double precision check (longitude between -180 and 180);
alter table activity add column pos earth;
alter table activity add column check_in_radius_m int check (check_in_radius_m between 10 and 10000);
alter table activity add constraint activity_place_whole
    check ((latitude is null) = (longitude is null) and (latitude is null) = (pos is null)
           and (latitude is null) = (check_in_radius_m is null));

-- the search reads open activities in start order (activity_upcoming covers the start alone)
create index activity_city on activity (lower(city), starts_at) where status = 'OPEN';
create index activity_category on activity (category, starts_at) where status = 'OPEN';
create index activity_pos on activity using gist (pos) where status = 'OPEN';
