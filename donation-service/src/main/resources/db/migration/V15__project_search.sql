-- Projects people look for: by what they are for (category), by name (contains, any case) and by the regions their
-- aid goes to. pg_trgm (shipped with PostgreSQL; the database's owner installs it in public, as the local
-- launcher, the tests and the Kubernetes manifests do) indexes the name for "contains".
create extension if not exists pg_trgm schema public;
alter table charity_project add column category varchar(20) not null default 'OTHER'
    check (category in ('POVERTY', 'EDUCATION', 'HEALTH', 'ENVIRONMENT', 'DISASTER', 'CHILDREN', 'ELDERLY',
                        'DISABILITY', 'ANIMALS', 'OTHER'));
create index charity_project_name on charity_project using gin (lower(name) gin_trgm_ops);
create index charity_project_regions on charity_project using gin (regions);
create index charity_project_category on charity_project (category, created_at, id);
