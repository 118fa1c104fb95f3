-- Magic Bean shops and jobs: the completed orders of enrolled mothers' shops (from commerce.orders, each order once,
-- from her enrolment on) and the jobs the charity reports per month (the latest report of a month counts).
alter table programme
    add column shop_sale_count bigint not null default 0,
    add column shop_sales_fen  bigint not null default 0,
    add column job_count       bigint not null default 0;

create table shop_sale (
    order_id        varchar(200) primary key,
    seller_id       varchar(100) not null,
    programme_id    uuid         not null references programme (id),
    beneficiary_id  uuid         not null references beneficiary (id),
    paid_fen        bigint       not null,
    completed_at    timestamptz  not null,
    source_event_id uuid         not null
);

create table programme_jobs (
    programme_id uuid        not null references programme (id),
    month        date        not null check (extract(day from month) = 1),
    jobs         int         not null check (jobs >= 0),
    reported_at  timestamptz not null,
    primary key (programme_id, month)
);
