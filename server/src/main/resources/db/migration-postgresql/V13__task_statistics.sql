-- A tenant's tasks lie in its own organizations and projects: without being told, PostgreSQL
-- multiplies the selectivities of these columns and expects 12 tasks where a project and status hold
-- 2,500, and then sorts a bitmap scan instead of reading the list's index in order.
create statistics st_task_scope (dependencies) on tenant_id, organization_id, project_id from task;
analyze task;
