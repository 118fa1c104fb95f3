-- Spending energy: trees planted by projects with a limited stock, protected land by the m², county plots.

create table tree_species (
    code         varchar(40) primary key,
    name_zh      varchar(100) not null,
    name_en      varchar(100) not null,
    energy_grams bigint       not null check (energy_grams > 0),
    created_at   timestamptz  not null
);
insert into tree_species (code, name_zh, name_en, energy_grams, created_at)
values ('SAXAUL', '梭梭', 'Saxaul', 17900, now()),
       ('TAMARISK', '红柳', 'Tamarisk', 22400, now()),
       ('SAND_WILLOW', '沙柳', 'Sand willow', 19680, now()),
       ('MONGOLIAN_PINE', '樟子松', 'Mongolian pine', 146210, now()),
       ('EUPHRATES_POPLAR', '胡杨', 'Euphrates poplar', 215680, now());

-- A partner plants one species in one region, up to its stock of trees.
create table planting_project (
    id           uuid primary key,
    name         varchar(200) not null,
    region       varchar(200) not null,
    species_code varchar(40)  not null references tree_species (code),
    partner      varchar(200),
    stock        int          not null check (stock > 0),
    planted      int          not null default 0 check (planted >= 0),
    created_at   timestamptz  not null,
    check (planted <= stock)
);

create table plot (
    id         uuid primary key,
    project_id uuid          not null references planting_project (id),
    name       varchar(200)  not null,
    latitude   numeric(9, 6) check (latitude between -90 and 90),
    longitude  numeric(9, 6) check (longitude between -180 and 180),
    trees      int           not null default 0 check (trees >= 0),
    created_at timestamptz   not null
);
create index plot_project on plot (project_id, trees);

create sequence certificate_seq;

create table tree (
    id             uuid primary key,
    certificate_no varchar(40)  not null unique,
    project_id     uuid         not null references planting_project (id),
    plot_id        uuid         not null references plot (id),
    species_code   varchar(40)  not null references tree_species (code),
    energy_grams   bigint       not null check (energy_grams > 0),
    planted_at     timestamptz  not null
);

-- Who paid for a tree: one owner, or two sharing it (co-planting).
create table tree_owner (
    tree_id      uuid         not null references tree (id),
    user_id      varchar(200) not null,
    energy_grams bigint       not null check (energy_grams > 0),
    primary key (tree_id, user_id)
);
create index tree_owner_user on tree_owner (user_id);

-- 人人一平米: protected areas claimed by the square metre.
create table protected_area (
    id                 uuid primary key,
    name               varchar(200) not null,
    region             varchar(200) not null,
    size_m2            bigint       not null check (size_m2 > 0),
    claimed_m2         bigint       not null default 0 check (claimed_m2 >= 0),
    price_grams_per_m2 bigint       not null check (price_grams_per_m2 > 0),
    created_at         timestamptz  not null,
    check (claimed_m2 <= size_m2)
);

create table area_claim (
    id             uuid primary key,
    certificate_no varchar(40)  not null unique,
    area_id        uuid         not null references protected_area (id),
    user_id        varchar(200) not null,
    m2             bigint       not null check (m2 > 0),
    energy_grams   bigint       not null check (energy_grams > 0),
    claimed_at     timestamptz  not null
);
create index area_claim_user on area_claim (user_id);

-- Plots in poverty-alleviation counties, each claimed (认领) by one user.
create table county_plot (
    id             uuid primary key,
    county         varchar(200) not null,
    name           varchar(200) not null,
    size_m2        bigint       not null check (size_m2 > 0),
    price_grams    bigint       not null check (price_grams > 0),
    claimed_by     varchar(200),
    claimed_at     timestamptz,
    certificate_no varchar(40) unique,
    created_at     timestamptz  not null,
    check ((claimed_by is null) = (claimed_at is null))
);

-- Monitoring stations photograph the plots where trees stand.
create table station (
    id         uuid primary key,
    plot_id    uuid         not null references plot (id),
    name       varchar(200) not null,
    created_at timestamptz  not null
);

create table plot_photo (
    id          uuid primary key,
    station_id  uuid          not null references station (id),
    plot_id     uuid          not null references plot (id),
    taken_at    timestamptz   not null,
    image_url   varchar(2000) not null,
    received_at timestamptz   not null
);
create index plot_photo_latest on plot_photo (plot_id, taken_at desc);
create index county_plot_claimer on county_plot (claimed_by) where claimed_by is not null;
