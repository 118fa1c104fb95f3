-- A push token registered to someone else moves to the caller only when they prove the device is in their hands: a
-- code pushed to that device and typed back within 10 minutes, at most 5 tries. Only the code's hash is kept.
create table device_claim (
    push_token varchar(500)     primary key,
    claimant   varchar(200)     not null,
    platform   varchar(10)      not null,
    latitude   double precision not null,
    longitude  double precision not null,
    code_hash  varchar(64)      not null,
    tries_left int              not null,
    expires_at timestamptz      not null
);
