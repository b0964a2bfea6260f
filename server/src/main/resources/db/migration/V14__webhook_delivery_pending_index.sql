-- Nothing reads deliveries by status alone: the dispatcher reads them by subscription (the due index),
-- and the hourly purge scans. Every delivery changes status once it is sent, so this index cost a
-- removal and an insertion on each, for no query.
drop index ix_webhook_delivery_pending;
