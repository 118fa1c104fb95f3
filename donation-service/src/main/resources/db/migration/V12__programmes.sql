-- Beneficiary programmes: what a project's payouts buy for the people it helps. One programme per project, run by the
-- project's organisation; the figures on the programme row are kept by the statements that buy benefits and record
-- claims (the audit replay checks them against the published events).
create table programme (
    id              uuid primary key,
    project_id      uuid         not null unique references charity_project (id),
    charity_id      varchar(100) not null references charity_organisation (id),
    kind            varchar(30)  not null check (kind in ('HEALTH_INSURANCE', 'MOTHERS_BUSINESS')),
    name            varchar(200) not null,
    unit_fen        bigint       not null check (unit_fen between 1 and 100000000),
    -- what the last payouts left (negative: a shortfall the next payouts make up first)
    carried_fen     bigint       not null default 0,
    benefit_count   bigint       not null default 0,
    spent_fen       bigint       not null default 0,
    helped_count    bigint       not null default 0,
    claim_count     bigint       not null default 0,
    claims_paid_fen bigint       not null default 0,
    created_at      timestamptz  not null
);

-- The national-level poor counties the charity lists for an insurance programme.
create table programme_county (
    programme_id uuid         not null references programme (id),
    county       varchar(100) not null,
    primary key (programme_id, county)
);

-- An enrolled person: the charity's opaque reference, the county, and only what the benefit needs (a household id and
-- an age band for insurance; a seller id for a mother's shop). Never a name or an ID number.
create table beneficiary (
    id               uuid primary key,
    programme_id     uuid         not null references programme (id),
    enrolment_no     bigint       not null generated always as identity,
    reference        varchar(100) not null,
    county           varchar(100) not null,
    household_id     varchar(100),
    age_band         varchar(5),
    seller_id        varchar(100) unique,
    enrolled_at      timestamptz  not null,
    first_benefit_at timestamptz,
    unique (programme_id, reference),
    unique (programme_id, household_id)
);
create index beneficiary_enrolment_order on beneficiary (programme_id, enrolment_no);

-- One benefit bought by one payout: a year's cover (starts_on..ends_on inclusive) or a grant (ends_on null).
create table benefit (
    id             uuid primary key,
    programme_id   uuid        not null references programme (id),
    beneficiary_id uuid        not null references beneficiary (id),
    payout_id      uuid        not null references payout (id),
    amount_fen     bigint      not null check (amount_fen > 0),
    starts_on      date        not null,
    ends_on        date,
    bought_at      timestamptz not null
);
create index benefit_of_beneficiary on benefit (beneficiary_id, ends_on);
create index benefit_of_payout on benefit (payout_id);

-- A claim the insurer paid against a cover, recorded by the charity under the insurer's claim reference.
create table benefit_claim (
    id          uuid primary key,
    benefit_id  uuid         not null references benefit (id),
    reference   varchar(100) not null,
    amount_fen  bigint       not null check (amount_fen > 0),
    paid_on     date         not null,
    recorded_at timestamptz  not null,
    unique (benefit_id, reference)
);
