-- Fan-outs run one at a time across the cluster, each holding this row's lock in its transaction, so that
-- each subscription's deliveries are written in the order of their events (see FanOut).
create table webhook_fan_out_lock (
    id integer primary key
);
insert into webhook_fan_out_lock (id) values (1);
-- Deliveries are now always written at fan-out, before they are sent: no event stays claimed by a node
-- that has not written them yet, and no node asks another for a subscription it holds.
alter table webhook_event drop column claimed_until;
alter table webhook_subscription drop column wanted_at;
-- Nothing looks deliveries up by event any more (the purge keeps the events of pending deliveries through the
-- due index); the index cost a write on every delivery.
drop index ix_webhook_delivery_event;
