"""``organization.prepare_download_for_get_all`` and ``organization.download_for_get_all``:
the web UI's "export to CSV" of the task and model tables.

The first checks the request (each column once, each value mapping once, and the listing
itself by reading one entity), keeps it for ``KEEP_S`` seconds and answers its id; the second
reads the entities page by page from the tasks process's ``*.get_all_ex`` (at most
``MAX_ITEMS``) and answers them as a CSV file: a header of the column names, then one row per
entity with each mapped field as text (a reference as its id, a value translated by the
column's value mapping); texts a spreadsheet would run as a formula get a leading quote.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from services.identity.companies.listing import read_all
from services.identity.domain import new_id
from services.identity.store.companies import MongoPreparedDownloads
from shared.errors import ApiError
from shared.messaging.envelopes import Identity
from shared.messaging.process_rpc import ProcessRpc

KEEP_S = 300
# clearml-server's max_download_items: the same cap users.get_current_user announces to the UI
# (``MAX_DOWNLOAD_ITEMS`` of services/identity/handlers.py).
MAX_ITEMS = 1000
MAX_PROJECT_NAME = 60
LISTINGS = {"task": ("tasks.get_all_ex", "tasks"), "model": ("models.get_all_ex", "models")}
# Leading characters that make a spreadsheet evaluate a cell.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Paths below these fields name parameters, whose keys arrive escaped (as the tasks process stores them).
ESCAPED_ROOTS = ("metadata", "hyperparams", "configuration")
_UNESCAPES = {"%2E": ".", "%24": "$", "%25": "%"}
_ESCAPED = re.compile(r"%(?:2E|24|25)")
# Fields of the prepare request that are not part of the listing.
_OWN_FIELDS = ("entity_type", "field_mappings")


class Downloads:
    """The two use cases, over the tasks process's listings."""

    def __init__(self, tasks: ProcessRpc, prepared: MongoPreparedDownloads, clock: Callable[[], datetime]) -> None:
        self._tasks = tasks
        self._prepared = prepared
        self._clock = clock

    async def prepare(self, identity: Identity, request: dict[str, Any]) -> dict[str, str]:
        """``organization.prepare_download_for_get_all``: ``{prepare_id}``."""
        check_mappings(request.get("field_mappings") or [])
        await self._entities(identity, request, 1)  # a bad listing request fails here, not at download
        prepare_id = new_id()
        await self._prepared.put(prepare_id, identity.company, request, self._clock() + timedelta(seconds=KEEP_S))
        return {"prepare_id": prepare_id}

    async def download(self, identity: Identity, prepare_id: str) -> dict[str, Any]:
        """``organization.download_for_get_all``: the CSV file (unknown or expired id: 400/10)."""
        request = await self._prepared.get(prepare_id, identity.company, self._clock())
        if request is None:
            raise ApiError.named("invalid_id", "prepare ID not found", prepare_id=prepare_id)
        columns = columns_of(request.get("field_mappings") or [])
        rows = [row_of(entity, columns) for entity in await self._entities(identity, request, MAX_ITEMS)]
        project = await self._project_name(identity, request.get("project"))
        name = "-".join(part for part in ("clearml", project, f"{request['entity_type']}s.csv") if part)
        return {"cairn_raw": {"content_type": "text/csv", "filename": name, "text": csv_text(list(columns), rows)}}

    async def _entities(self, identity: Identity, request: dict[str, Any], limit: int) -> list[dict]:
        """The first ``limit`` entities the prepared listing selects."""
        endpoint, answer = LISTINGS[request["entity_type"]]
        body = {k: v for k, v in request.items() if k not in _OWN_FIELDS}
        for paging in ("scroll_id", "start", "size", "refresh_scroll"):
            body.pop(paging, None)
        return await read_all(self._tasks, identity, endpoint, answer, body, limit)

    async def _project_name(self, identity: Identity, project: Any) -> str | None:
        """The file names the one project the listing is about (its short name, cut)."""
        if isinstance(project, list):
            if len(project) != 1:
                return None
            project = project[0]
            if project is None:
                return "root"
        if not project or not isinstance(project, str):
            return None
        data = await self._tasks.call(identity, "projects.get_all_ex", {"id": [project], "only_fields": ["basename", "name"]})
        found = data.get("projects") or []
        if not found:
            return None
        basename = found[0].get("basename") or (found[0].get("name") or "").rsplit("/", 1)[-1]
        return basename[:MAX_PROJECT_NAME] or None


def check_mappings(mappings: list[dict[str, Any]]) -> None:
    """Each column name (``name``, else ``field``) once, each value key of a column once: 400/12."""
    names: set[str] = set()
    for mapping in mappings:
        name = mapping.get("name") or mapping["field"]
        if name in names:
            raise ApiError.named("validation_error", f"Field_name appears more than once in field_mappings: {name}")
        names.add(name)
        keys: list[Any] = [value.get("key") for value in mapping.get("values") or []]
        for index, key in enumerate(keys):
            if key in keys[:index]:
                raise ApiError.named("validation_error", f"Value key appears more than once in field_mappings: {key}")


def columns_of(mappings: list[dict[str, Any]]) -> dict[str, tuple[list[str], list[tuple[Any, Any]]]]:
    """Column name -> (the field's path, its value mapping as (key, value) pairs)."""
    return {
        mapping.get("name") or mapping["field"]: (
            field_path(mapping["field"]),
            [(value.get("key"), value.get("value")) for value in mapping.get("values") or []],
        )
        for mapping in mappings
    }


def field_path(field: str) -> list[str]:
    """The path of a dotted field; parameter names below ``ESCAPED_ROOTS`` unescaped."""
    path = field.split(".")
    if len(path) < 2 or path[0] not in ESCAPED_ROOTS:
        return path
    return [_ESCAPED.sub(lambda m: _UNESCAPES[m.group()], part) for part in path]


def row_of(entity: dict[str, Any], columns: dict[str, tuple[list[str], list[tuple[Any, Any]]]]) -> list[str]:
    return [cell(entity, path, values) for path, values in columns.values()]


def cell(entity: dict[str, Any], path: list[str], values: list[tuple[Any, Any]]) -> str:
    """One field as CSV text: a reference as its id, a mapped value translated, formulas defused."""
    value: Any = entity
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
        if value is None:
            return ""
    if isinstance(value, dict):
        value = value.get("id", "")
    for key, translated in values:
        if key == value:
            value = translated
            break
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_text(header: list[str], rows: list[list[str]]) -> str:
    """clearml-server's CSV: with rows, a UTF-8 signature and every cell quoted; without,
    the header alone, quoted only where needed."""
    out = io.StringIO()
    if not rows:
        csv.writer(out).writerow(header)
        return out.getvalue()
    out.write("\ufeff")
    writer = csv.writer(out, quoting=csv.QUOTE_NONNUMERIC)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()
