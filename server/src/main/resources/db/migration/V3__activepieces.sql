-- Which Activepieces projects a tenant may use through the shared (global) API key. A project is
-- bound to at most one tenant: the unique constraint is what keeps tenants apart on a shared platform.
create table activepieces_project_binding (
    id          uuid primary key,
    tenant_id   uuid not null references tenant (id) on delete cascade,
    project_id  varchar(64) not null,
    created_at  timestamp with time zone not null,
    constraint uq_activepieces_project_binding unique (project_id)
);
create index ix_activepieces_project_binding_tenant on activepieces_project_binding (tenant_id);
