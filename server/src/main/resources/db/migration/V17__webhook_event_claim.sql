-- A node that hands an event's deliveries straight to its senders writes each delivery once, after
-- sending it (or, if it could not, as pending). Until every one is written the event stays undispatched
-- and claimed by that node until this time: should the node stop, another claims the event again after
-- it, and fans out to the subscriptions that have no delivery of it yet.
alter table webhook_event add column claimed_until timestamp with time zone;
