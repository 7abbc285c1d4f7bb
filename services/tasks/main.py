"""Composition root of the tasks process: the only place its parts are wired."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from services.tasks import domain
from services.tasks.apps import build_room as build_apps_room
from services.tasks.apps.handlers import handlers as apps_handlers
from services.tasks.apps.ports import AppTasks, RpcTenants
from services.tasks.events_port import EventsPort, NoEvents, RpcEvents
from services.tasks.facts import FactPublisher
from services.tasks.handlers import UseCases, handler_table
from services.tasks.internal.events import InternalService
from services.tasks.internal.queues import QueueSyncService
from services.tasks.models.listing import ModelExtrasService
from services.tasks.models.service import ModelService
from services.tasks.extras import build_room as build_extras_room
from services.tasks.extras.handlers import handler_table as extras_handler_table
from services.tasks.oplog import build_room as build_oplog_room
from services.tasks.oplog.handlers import handler_table as oplog_handler_table
from services.tasks.oplog.recording import recording_operations
from services.tasks.permissions import build_room
from services.tasks.permissions.handlers import scoped
from services.tasks.permissions.resolver import MemoryTreeVersions, TreeVersions
from services.tasks.projects.admin import ProjectAdminService
from services.tasks.projects.contents import ProjectContentsService
from services.tasks.projects.meta import ProjectMetaService
from services.tasks.projects.moves import ProjectMoveService
from services.tasks.projects.service import ProjectService
from services.tasks.projects.views import ProjectViewService
from services.tasks.references import ReferenceExpander
from services.tasks.reports.service import ReportService
from services.tasks.reports.task_data import TaskDataService
from services.tasks.settings import TasksSettings
from services.tasks.store.repository import (
    ModelRepository,
    MongoModelRepository,
    MongoProjectRepository,
    MongoTaskRepository,
    ProjectRepository,
    TaskRepository,
)
from services.tasks.store.access import MongoTreeVersions
from services.tasks.store.scrolling import MongoScrollRepository, ScrollRepository, Scrolls
from services.tasks.tasks.cloning import CloneService
from services.tasks.tasks.editing import EditingService
from services.tasks.tasks.lifecycle import LifecycleService
from services.tasks.tasks.params import ParamsService
from services.tasks.tasks.pipelines import PipelineService
from services.tasks.tasks.queueing import NoQueues, QueuePort, QueueingService, RpcQueues
from services.tasks.tasks.removal import RemovalService
from services.tasks.tasks.service import TaskService
from services.tasks.tasks.validation import TaskValidationService
from services.tasks.tasks.watchdog import Watchdog
from services.tasks.visibility import VisibilityService
from shared.access.view import AccessRules, AccessView, StaticAccess
from shared.messaging.facts import FactProducer
from shared.messaging.outbox import MongoOutbox, OutboxPublisher
from shared.messaging.rpc_client import RpcClient
from shared.messaging.rpc_server import RpcServer
from shared.mongo import database, mongo_client
from shared.runtime import App, Hook, Periodic, serve

DATABASE = "cairn_tasks"


def build_use_cases(
    tasks: TaskRepository,
    projects: ProjectRepository,
    models: ModelRepository,
    clock: Callable[[], datetime] = domain.utc_now,
    new_id: Callable[[], str] = domain.new_id,
    scroll_states: ScrollRepository | None = None,
    facts: FactPublisher | None = None,
    queues: QueuePort | None = None,
    events: EventsPort | None = None,
    access: AccessRules | None = None,
    tree_versions: TreeVersions | None = None,
) -> UseCases:
    """Every use case wired to its ports; without ``scroll_states`` the ``get_all`` endpoints
    ignore ``scroll_id``/``size`` (answering unscrolled); without ``facts`` nothing is announced
    (deleted tasks' events stay); without ``queues`` enqueue/dequeue answer 503 and
    stop/reset/archive/delete leave queue entries alone; without ``events``
    ``reports.get_task_data`` answers 503 for events parts; without ``access`` no company has
    access rules (``tree_versions``: the project tree versions, in memory when not given).
    Every use case is built over the permissions room's guarded repositories."""
    internal = InternalService(tasks, projects, models, clock)
    permissions = build_room(tasks, projects, models, access or StaticAccess(), tree_versions or MemoryTreeVersions(),
                             internal.event_targets)
    tasks, projects, models = permissions.tasks, permissions.projects, permissions.models
    scrolls = Scrolls(scroll_states, clock, new_id) if scroll_states is not None else None
    references = ReferenceExpander(tasks, projects, models, queues)
    project_service = ProjectService(projects, clock, new_id, scrolls)
    task_service = TaskService(tasks, projects, clock, new_id, scrolls, references=references, models=models)
    lifecycle = LifecycleService(tasks, projects, clock, facts=facts, models=models, queues=queues, events=events)
    queueing = QueueingService(tasks, projects, queues or NoQueues(), clock)
    cloning = CloneService(tasks, projects, project_service, clock, new_id, models)
    return UseCases(
        projects=project_service,
        tasks=task_service,
        lifecycle=lifecycle,
        queueing=queueing,
        queue_sync=QueueSyncService(tasks, projects, clock),
        removal=RemovalService(tasks, projects, clock, facts, queues, models),
        params=ParamsService(tasks, projects, clock),
        editing=EditingService(tasks, projects, clock),
        cloning=cloning,
        internal=internal,
        models=ModelService(models, tasks, projects, lifecycle, clock, new_id, scrolls, facts, events),
        project_admin=ProjectAdminService(projects, tasks, models, clock, facts),
        project_views=ProjectViewService(projects, tasks, models, clock, references=references, scrolls=scrolls),
        project_contents=ProjectContentsService(projects, tasks, models),
        project_moves=ProjectMoveService(projects, tasks, models, project_service, clock),
        model_extras=ModelExtrasService(models, projects, project_service, clock, scrolls, references=references),
        project_meta=ProjectMetaService(projects, tasks, models),
        task_validation=TaskValidationService(task_service, models),
        task_visibility=VisibilityService(tasks, "invalid_task_id", clock),
        project_visibility=VisibilityService(projects, "invalid_project_id", clock, unique_names=True),
        model_visibility=VisibilityService(models, "invalid_model_id", clock),
        reports=ReportService(tasks, projects, project_service, task_service, clock),
        task_data=TaskDataService(task_service, models, events or NoEvents()),
        pipelines=PipelineService(tasks, cloning, queueing, projects),
        permissions=permissions,
    )


def app_tasks(u: UseCases, queues: QueuePort) -> AppTasks:
    """The task use cases application instances run through (``services/tasks/apps``), and
    the guarded task repository they read instances' tasks from."""
    return AppTasks(u.permissions.tasks, u.tasks, u.projects, u.queueing, u.lifecycle, u.params, queues)


def create_app(settings: TasksSettings) -> App:
    """MongoDB repositories (indexes ensured at start), use cases, the RPC client to the queues
    process (``tasks.enqueue``/``dequeue``, and stop/reset/archive/delete of queued tasks) and
    the events process (``reports.get_task_data``), and the RPC server."""
    client = mongo_client(settings)
    db = database(client, settings, DATABASE)
    outbox = MongoOutbox(db, settings.outbox_lease_s)  # facts recorded with their changes
    oplog = build_oplog_room(db, MongoTaskRepository(db, outbox))  # room oplog: records through its tasks
    tasks_repo = oplog.tasks
    projects_repo = MongoProjectRepository(db)
    models_repo = MongoModelRepository(db, outbox)

    async def ensure_indexes() -> None:
        await tasks_repo.ensure_indexes()
        await projects_repo.ensure_indexes()
        await models_repo.ensure_indexes()
        await oplog.create_indexes()
        await apps.ensure_indexes()
        await outbox.ensure_indexes()

    async def close() -> None:
        await client.close()

    producer = FactProducer(settings, "tasks")
    facts = OutboxPublisher(outbox, producer, settings.outbox_lease_s, settings.outbox_hold_s)
    rpc = RpcClient(settings)
    access = AccessView(settings)
    use_cases = build_use_cases(
        tasks_repo, projects_repo, models_repo, scroll_states=MongoScrollRepository(db), facts=facts,
        queues=RpcQueues(rpc), events=RpcEvents(rpc), access=access, tree_versions=MongoTreeVersions(db),
    )
    # the rooms read and write through the permissions room's guarded repositories too
    extras = build_extras_room(use_cases.permissions, rpc)  # room extras
    apps = build_apps_room(db, app_tasks(use_cases, RpcQueues(rpc)), RpcTenants(rpc), domain.utc_now,
                           domain.new_id)  # room apps
    rooms = {**oplog_handler_table(oplog.endpoints(use_cases.permissions)), **extras_handler_table(extras),
             **apps_handlers(apps)}
    rooms = {name: scoped(use_cases.permissions, handler) for name, handler in rooms.items()}  # the caller's rules
    handlers = recording_operations({**handler_table(use_cases), **rooms}, oplog.store)
    watchdog = Watchdog(tasks_repo, settings.task_watchdog_timeout_s, settings.task_watchdog_interval_s)
    drainer = Periodic("outbox", settings.outbox_interval_s, facts.drain, first_now=True)  # what a crash left
    components = [Hook(start=ensure_indexes, stop=close), producer, rpc, access, RpcServer(settings, "tasks", handlers),
                  watchdog, drainer]
    return App("tasks", components)


def main() -> None:
    serve("tasks", TasksSettings, create_app)
