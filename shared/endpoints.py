"""The endpoint table: for every ClearML endpoint, which process owns it, the handler versions
it is routed by, its authentication rule and roles. Data, read from the vendored catalogs
(``shared/schemas/spec``); the gateway routes with it.

``IMPLEMENTED`` names the endpoints each process answers, read from the lists that ``make
handled`` generates from each process's endpoint table (``services/<process>/handlers.py``;
a contract test fails when a list is stale). Everything else answers ClearML's "not
implemented" error.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

SPEC_DIR = Path(__file__).parent / "schemas" / "spec"

# ARCHITECTURE.md section 1: which process owns which ClearML service.
OWNERS: dict[str, str] = {
    **dict.fromkeys(
        ["auth", "users", "login", "organization", "permissions", "system", "server", "storage",
         "sso", "billing", "variables", "debug"],
        "identity",
    ),
    **dict.fromkeys(["tasks", "projects", "models", "reports", "pipelines", "apps"], "tasks"),
    "events": "events",
    **dict.fromkeys(["queues", "workers", "serving", "resources", "routers"], "queues"),
    **dict.fromkeys(["datasets", "frames", "dataviews"], "datasets"),
}

HANDLED_DIR = Path(__file__).parent / "schemas" / "handled"


def _implemented() -> dict[str, frozenset[str]]:
    """``shared/schemas/handled/<process>.txt``: the endpoints each process answers, one name
    a line, generated from the process's table (``shared`` never imports ``services``, so the
    gateway reads these files rather than the tables)."""
    out = {}
    for path in sorted(HANDLED_DIR.glob("*.txt")):
        names = (line.strip() for line in path.read_text().splitlines())
        out[path.stem] = frozenset(n for n in names if n and not n.startswith("#"))
    return out


IMPLEMENTED: dict[str, frozenset[str]] = _implemented()

# The processes behind the gateway, in start order (every process with a handled list).
SERVICE_PROCESSES: tuple[str, ...] = tuple(IMPLEMENTED)

Version = tuple[int, int]


def parse_version(text: str) -> Version:
    major, _, minor = text.partition(".")
    return int(major), int(minor or 0)


def format_version(version: Version) -> str:
    return f"{version[0]}.{version[1]}"


@dataclass(frozen=True)
class Endpoint:
    name: str
    process: str
    # Handler registration versions, ascending: a request for V goes to the greatest <= V.
    min_versions: tuple[Version, ...]
    authorize: bool | None  # True required, False never checked, None optional
    allow_roles: tuple[str, ...]
    internal: bool
    enterprise: bool
    batch: bool

    @property
    def implemented(self) -> bool:
        return self.name in IMPLEMENTED.get(self.process, ())

    def resolve(self, requested: Version) -> Version | None:
        """The handler version serving ``requested``, or None (then ClearML answers 404)."""
        fitting = [v for v in self.min_versions if v <= requested]
        return fitting[-1] if fitting else None

    @property
    def reads_only(self) -> bool:
        """A read needs no ordering against other requests (the caller awaits its writes),
        so it goes to the owning service unkeyed and runs concurrently with anything."""
        action = self.name.split(".", 1)[1]
        return action.startswith("get") and action != "get_next_task"

    def allows(self, role: str) -> bool:
        return "*" in self.allow_roles or role in self.allow_roles


def _row(raw: dict, enterprise: bool) -> Endpoint:
    versions = raw.get("implemented_min_versions") or ["1.0"]
    return Endpoint(
        name=raw["name"],
        process=OWNERS[raw["service"]],
        min_versions=tuple(sorted(parse_version(v) for v in versions)),
        authorize=raw.get("authorize", True),
        allow_roles=tuple(raw.get("allow_roles") or ["*"]),
        internal=bool(raw.get("internal")),
        enterprise=enterprise,
        batch=(raw.get("request") or {}).get("kind") == "batch",
    )


# Cairn's own endpoints, where no ClearML endpoint does the job (documented in the README):
# users set and change their passwords (the login room of identity).
CAIRN_ENDPOINTS: tuple[dict, ...] = (
    {"name": "login.set_password", "service": "login", "authorize": True, "allow_roles": ["*"]},
)


@cache
def endpoint_table() -> dict[str, Endpoint]:
    table: dict[str, Endpoint] = {}
    for filename, enterprise in (("endpoints.json", False), ("enterprise_endpoints.json", True)):
        for raw in json.loads((SPEC_DIR / filename).read_text()):
            table[raw["name"]] = _row(raw, enterprise)
    for raw in CAIRN_ENDPOINTS:
        table[raw["name"]] = _row(raw, enterprise=True)
    return table


@cache
def max_api_version() -> Version:
    """The highest API version of the open-source catalog: what Cairn claims to speak."""
    raw = json.loads((SPEC_DIR / "endpoints.json").read_text())
    return max(parse_version(v) for row in raw for v in row["versions"])
