-- When a node last fanned out deliveries for this subscription while another node held it. The holder
-- sees it change at its next fan-out and lets the subscription go, so that those deliveries, written as
-- pending, are not overtaken by the holder's later ones.
alter table webhook_subscription add column wanted_at timestamp with time zone;
