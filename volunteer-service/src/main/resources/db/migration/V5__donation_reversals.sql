-- A donation credit is revoked when its donation is fully reversed (refunded); reversals may arrive first.
alter table welfare_credit add column revoked_at timestamptz;

create table donation_credit (
    donation_id varchar(200) primary key,
    user_id     varchar(200) not null,
    amount_fen  bigint,
    reversed_fen bigint      not null default 0,
    credit_id   uuid,
    revoked_at  timestamptz
);
