-- Each donation reversal counts once, whatever events carry it (donation-service or a replay may send one again under
-- a new event id): its key is the reversal's id, or for events without one a hash of the donation, time and amount.
create table donation_reversal_applied (
    reversal_key    varchar(200) primary key,
    donation_id     varchar(200) not null,
    source_event_id uuid
);
