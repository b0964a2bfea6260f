-- Counts changes to a role's permissions, in the transaction that makes them. Each request reads it
-- with its session, and a node reads the role's permissions again only when it has changed, so a
-- change counts on the next request on every node.
alter table role add column permissions_version bigint not null default 0;
