"""The permissions room of the tasks process: Enterprise access rules (issue 16) enforced on
tasks, models and projects (and so on reports and pipelines, which are tasks and projects).

- ``scope``: one caller's access unfolded over the project tree (``CallerAccess``), its
  MongoDB read conditions and the checks (``permit``; 403/21 or the entity's invalid id);
- ``resolver``: builds and caches it per (company, rules version, project tree version,
  user, role) from the process's ``AccessView``;
- ``guard``: the repositories every use case is built over, enforcing it on every read and
  write;
- ``service``: ``internal.check_access`` and the access fields of ``internal.event_targets``;
- ``handlers``: ``scoped`` (binds the caller's access around every ClearML endpoint) and the
  room's endpoint table.
"""

from __future__ import annotations

from dataclasses import dataclass

from services.tasks.permissions.guard import GuardedEntities, GuardedProjects
from services.tasks.permissions.resolver import AccessResolver, TreeVersions
from services.tasks.permissions.service import EventTargets, PermissionService
from services.tasks.store.repository import ProjectRepository, TaskRepository
from shared.access.view import AccessRules


@dataclass(frozen=True)
class PermissionsRoom:
    """``tasks``/``models``/``projects``: the guarded repositories the other use cases are
    built over; ``resolver``: the caller's access; ``service``: the room's actions."""

    tasks: GuardedEntities
    models: GuardedEntities
    projects: GuardedProjects
    resolver: AccessResolver
    service: PermissionService


def build_room(tasks: TaskRepository, projects: ProjectRepository, models: TaskRepository, rules: AccessRules,
               versions: TreeVersions, event_targets: EventTargets) -> PermissionsRoom:
    """The room over the process's (unguarded) repositories. ``event_targets``: the use case
    whose answer ``internal.event_targets`` completes with the caller's access."""
    resolver = AccessResolver(rules, projects, versions, {"task": tasks, "model": models})
    return PermissionsRoom(
        tasks=GuardedEntities(tasks, "task", versions),
        models=GuardedEntities(models, "model", versions),
        projects=GuardedProjects(projects, versions),
        resolver=resolver,
        service=PermissionService(resolver, tasks, models, projects, event_targets),
    )
