-- When each installation's flows are next checked in the background. A node claims an installation by
-- moving next_check_at forward in one update, so that one node checks it each time.
create table automation_watch (
    integration_id  uuid primary key,
    tenant_id       uuid not null references tenant (id) on delete cascade,
    next_check_at   timestamp with time zone not null
);
