-- The code an organisation shows on site so that volunteers can check themselves in and out.
alter table activity add column check_in_code varchar(12);
