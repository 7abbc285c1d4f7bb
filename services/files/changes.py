"""What the files process learns from other processes' changes.

- ``<prefix>cairn.identity.changes``: ``SessionRevoked`` (a logout), read by
  ``shared.messaging.changes.SessionRevocationsListener`` as in the gateway.
- ``<prefix>cairn.tasks.changes``: ``TaskDeleted`` (its ``urls``) and ``ModelDeleted`` (its
  ``url``): the files those URLs name on this server are removed. One consumer group for all
  files instances; the offset is committed after the deletion, so a crash repeats it (deleting
  twice is harmless).
- ``<prefix>cairn.events.changes``: ``EventFilesReleased`` (its ``urls``: the debug images of a
  deleted task or model), read the same way (consumer group ``<topic>.files``).
"""

from __future__ import annotations

import logging

from services.files.removal import delete_named, files_of_fact
from services.files.storage import LocalStore
from shared.messaging.changes import ChangeListener, load_change
from shared.messaging.topics import changes_topic
from shared.settings import SharedSettings

log = logging.getLogger(__name__)


class TaskChangesListener(ChangeListener):
    """Removes the files that the facts of one process's changes topic name."""

    process = "tasks"

    def __init__(self, settings: SharedSettings, store: LocalStore, files_url: str) -> None:
        super().__init__(settings, changes_topic(settings.topic_prefix, self.process))
        self.group = f"{self.topic}.files"
        self._store = store
        self._files_url = files_url

    async def apply(self, raw: bytes) -> None:
        found = files_of_fact(load_change(raw), self._files_url)
        if found is None:
            return
        company, names = found
        removed = await delete_named(self._store, company, names)
        log.info("removed %d of %d files named by a %s change", removed, len(names), self.process)


class EventChangesListener(TaskChangesListener):
    """``EventFilesReleased`` facts of the events process: a deleted task's debug images."""

    process = "events"
