-- Each refund is applied once, whatever events carry it: the commerce platform may send the same refund again under a
-- new event id. Its key is the platform's refund id, or (without one) a hash of the order, the time and the lines.
create table refund_applied (
    refund_key      varchar(200) primary key,
    order_id        varchar(200) not null,
    source_event_id uuid,
    applied_at      timestamptz  not null
);
