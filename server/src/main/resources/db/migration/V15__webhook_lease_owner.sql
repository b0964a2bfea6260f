-- Which node holds a subscription's lease. A node renews and lets go only leases it holds, so one whose
-- lease ran out (and another node took) cannot free or extend the other node's.
alter table webhook_subscription add column lease_owner uuid;
