"""``projects.get_hyperdataset_stats`` (Enterprise): the Hyper-Datasets of a project and the
projects under it. The datasets process owns the datasets; this process knows the project
tree, so it names the projects and asks the datasets process (``internal.dataset_stats``)."""

from __future__ import annotations

from typing import Any

from services.tasks.store.repository import ProjectRepository
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.messaging.process_rpc import ProcessRpc
from shared.schemas.datasets import DatasetStatsRequest
from shared.schemas.generated import projects as api


class HyperDatasetStats:
    def __init__(self, projects: ProjectRepository, datasets: ProcessRpc) -> None:
        self._projects = projects
        self._datasets = datasets

    async def get_hyperdataset_stats(self, identity: Identity, request: api.GetHyperdatasetStatsRequest) -> dict[str, Any]:
        """``{stats: {count, tags}}``: how many of the caller's company's Hyper-Datasets are in
        ``project`` or under it (no project: anywhere), by ``active_users`` and passing
        ``tags``/``tags_filter``, and the tags they carry. Unknown project -> 400/401."""
        projects = None
        if request.project:
            if await self._projects.get(identity.company, request.project) is None:
                raise ApiError.named("invalid_project_id", id=request.project)
            projects = [request.project, *await self._projects.descendant_ids(identity.company, [request.project])]
        body = DatasetStatsRequest(projects=projects, **request.model_dump(exclude_unset=True, exclude={"project"}))
        stats = await self._datasets.call(identity, "internal.dataset_stats", body)
        return {"stats": {"count": stats["count"], "tags": stats["tags"]}}
