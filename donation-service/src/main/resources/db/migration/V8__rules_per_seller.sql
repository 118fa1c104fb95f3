-- A rule belongs to the seller who set it and applies only to that seller's deals: an item's rules are kept per
-- seller (another seller naming the same item id neither blocks nor changes them), and a deal donates only under a
-- rule of its own seller. Existing data has at most one rule in force per item, so the new key holds.
drop index charity_rule_current;
create unique index charity_rule_current on charity_rule (item_id, seller_id) where effective_to is null;
drop index charity_rule_item_time;
create index charity_rule_item_time on charity_rule (item_id, seller_id, effective_from);
