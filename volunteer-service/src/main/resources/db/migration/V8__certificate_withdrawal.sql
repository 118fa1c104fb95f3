-- A pledge certificate stands for a year's welfare time of at least 3 hours: when revoked credits take the year below
-- that, the certificate is withdrawn (withdrawn_at); when the year reaches 3 hours again, the same number is valid again.
alter table pledge_certificate add column withdrawn_at timestamptz;
