-- Provinces are China's 34 provincial-level divisions (org.gongyi.donation.domain.Province, the platform's spelling):
-- a purchase naming anything else donates, but its province counts nowhere. Projects name the regions their aid goes to.
alter table donation alter column province drop not null;
update donation set province = null where province not in (
    'Anhui', 'Fujian', 'Gansu', 'Guangdong', 'Guizhou', 'Hainan', 'Hebei', 'Heilongjiang', 'Henan', 'Hubei', 'Hunan',
    'Jiangsu', 'Jiangxi', 'Jilin', 'Liaoning', 'Qinghai', 'Shaanxi', 'Shandong', 'Shanxi', 'Sichuan', 'Yunnan',
    'Zhejiang', 'Taiwan', 'Guangxi', 'Inner Mongolia', 'Ningxia', 'Xinjiang', 'Tibet', 'Beijing', 'Chongqing',
    'Shanghai', 'Tianjin', 'Hong Kong', 'Macau');
delete from platform_province where province not in (select distinct province from donation where province is not null);
update platform_totals set province_count = (select count(*) from platform_province);
alter table charity_project add column regions text[] not null default '{}';
-- the totals of a period (a fiscal year) read the rows of that period: block-range indexes, next to nothing to keep
-- up on the hot insert path (rows arrive roughly in time order)
create index donation_completed on donation using brin (completed_at);
create index donation_reversal_time on donation_reversal using brin (reversed_at);
