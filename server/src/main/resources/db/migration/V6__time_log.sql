-- Time logs and the timer. running_key holds the employee id while a log runs and NULL once stopped:
-- its unique constraint allows one running timer per employee on every database (NULLs never clash).
create table time_log (
    id                    uuid primary key,
    tenant_id             uuid not null references tenant (id) on delete cascade,
    organization_id       uuid not null references organization (id) on delete cascade,
    employee_id           uuid not null references employee (id) on delete cascade,
    started_at            timestamp with time zone not null,
    stopped_at            timestamp with time zone,
    running_key           uuid,
    log_type              varchar(20) not null,
    source                varchar(30) not null,
    is_billable           boolean not null,
    description           varchar(2000),
    project_id            uuid references organization_project (id) on delete set null,
    task_id               uuid references task (id) on delete set null,
    organization_team_id  uuid references organization_team (id) on delete set null,
    created_at            timestamp with time zone not null,
    updated_at            timestamp with time zone not null,
    constraint uq_time_log_running unique (running_key)
);
create index ix_time_log_employee on time_log (tenant_id, employee_id, started_at);
