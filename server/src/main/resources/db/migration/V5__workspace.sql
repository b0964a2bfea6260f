-- The business API the ever-gauzy piece calls: projects, teams, task statuses/priorities/sizes,
-- employees and tasks. Every row has its tenant and organization.

create table organization_project (
    id               uuid primary key,
    tenant_id        uuid not null references tenant (id) on delete cascade,
    organization_id  uuid not null references organization (id) on delete cascade,
    name             varchar(255) not null,
    description      varchar(2000),
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null
);
create index ix_organization_project_scope on organization_project (tenant_id, organization_id);

create table organization_team (
    id               uuid primary key,
    tenant_id        uuid not null references tenant (id) on delete cascade,
    organization_id  uuid not null references organization (id) on delete cascade,
    name             varchar(255) not null,
    description      varchar(2000),
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null
);
create index ix_organization_team_scope on organization_team (tenant_id, organization_id);

-- Task statuses, priorities and sizes have one shape, so one table: kind is STATUS, PRIORITY or SIZE.
create table task_option (
    id               uuid primary key,
    tenant_id        uuid not null references tenant (id) on delete cascade,
    organization_id  uuid not null references organization (id) on delete cascade,
    kind             varchar(10) not null,
    name             varchar(100) not null,
    option_value     varchar(100) not null,
    description      varchar(500),
    color            varchar(20),
    sort_order       integer not null,
    is_system        boolean not null,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    constraint uq_task_option unique (tenant_id, organization_id, kind, option_value)
);

create table employee (
    id               uuid primary key,
    tenant_id        uuid not null references tenant (id) on delete cascade,
    organization_id  uuid not null references organization (id) on delete cascade,
    user_id          uuid not null references app_user (id) on delete cascade,
    is_active        boolean not null,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    deleted_at       timestamp with time zone,
    constraint uq_employee_user_organization unique (user_id, organization_id)
);
create index ix_employee_scope on employee (tenant_id, organization_id);

-- The next task number of each project (the nil UUID numbers tasks without a project).
create table task_sequence (
    tenant_id    uuid not null references tenant (id) on delete cascade,
    project_key  uuid not null,
    next_number  integer not null,
    constraint pk_task_sequence primary key (tenant_id, project_key)
);

create table task (
    id                 uuid primary key,
    tenant_id          uuid not null references tenant (id) on delete cascade,
    organization_id    uuid not null references organization (id) on delete cascade,
    task_number        integer not null,
    prefix             varchar(20) not null,
    title              varchar(2000) not null,
    description        varchar(20000),
    status             varchar(100),
    priority           varchar(100),
    size               varchar(100),
    issue_type         varchar(50),
    estimate           integer,
    due_date           timestamp with time zone,
    start_date         timestamp with time zone,
    resolved_at        timestamp with time zone,
    is_public          boolean not null,
    is_draft           boolean not null,
    project_id         uuid references organization_project (id) on delete set null,
    parent_id          uuid references task (id) on delete set null,
    task_status_id     uuid references task_option (id) on delete set null,
    task_priority_id   uuid references task_option (id) on delete set null,
    task_size_id       uuid references task_option (id) on delete set null,
    creator_id         uuid,
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null,
    deleted_at         timestamp with time zone
);
-- The piece's filters: organization (always), project, status, title; newest first.
create index ix_task_scope on task (tenant_id, organization_id, created_at);
create index ix_task_project on task (tenant_id, project_id);
create index ix_task_status on task (tenant_id, organization_id, status);

create table task_member (
    task_id      uuid not null references task (id) on delete cascade,
    employee_id  uuid not null references employee (id) on delete cascade,
    tenant_id    uuid not null,
    constraint pk_task_member primary key (task_id, employee_id)
);
create index ix_task_member_tenant on task_member (tenant_id, employee_id);

create table task_team (
    task_id    uuid not null references task (id) on delete cascade,
    team_id    uuid not null references organization_team (id) on delete cascade,
    tenant_id  uuid not null,
    constraint pk_task_team primary key (task_id, team_id)
);
create index ix_task_team_tenant on task_team (tenant_id);

create table task_tag (
    task_id    uuid not null references task (id) on delete cascade,
    name       varchar(100) not null,
    tenant_id  uuid not null,
    constraint pk_task_tag primary key (task_id, name)
);
create index ix_task_tag_tenant on task_tag (tenant_id);
