"""A dataview resolved for reading: the versions each filter rule reads (with their lineages)
and the Elasticsearch query of the frames each rule selects (the rule's compiled query ANDed
with the visibility of its versions, README "Visibility of a version")."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from services.datasets.iteration import rules
from services.datasets.iteration.ports import VersionReader
from services.datasets.iteration.rules import Scope
from services.datasets.query.rules import compile_rule
from services.datasets.store.layout import visible_in
from shared.errors import ApiError


@dataclass(frozen=True)
class RuleView:
    """One filter rule: its position, its weight, the versions it reads and its frames' query."""

    index: int
    rule: dict[str, Any]
    scopes: tuple[Scope, ...]
    query: dict[str, Any]

    @property
    def weight(self) -> float:
        return rules.rule_weight(self.rule)


@dataclass(frozen=True)
class View:
    """What a dataview reads. ``explicit``: the dataview named filter rules (a dataview without
    any reads every frame of its versions through one implicit rule)."""

    spec: dict[str, Any]
    rules: tuple[RuleView, ...]
    scopes: tuple[Scope, ...]
    explicit: bool = True
    extra: dict[str, Any] | None = field(default=None)

    @property
    def datasets(self) -> list[str]:
        return sorted({s.dataset for s in self.scopes}) or ["*"]

    @property
    def query(self) -> dict[str, Any]:
        """The frames of any rule (ClearML's rules are OR-ed), narrowed by ``extra``."""
        return rules.all_of(rules.any_of([r.query for r in self.rules]), self.extra)

    @property
    def in_versions(self) -> dict[str, Any]:
        """Every frame of the view's versions, whatever the rules say."""
        return visible_in_any(self.scopes)

    def narrowed(self, extra: dict[str, Any]) -> View:
        return View(self.spec, self.rules, self.scopes, self.explicit, rules.all_of(self.extra, extra))


def visible_in_any(scopes: Sequence[Scope]) -> dict[str, Any]:
    """The frames of any of the versions (a document several of them see comes once)."""
    return rules.any_of([visible_in(s.lineage) for s in scopes])


class ViewResolver:
    """Turns a dataview (ClearML's ``Dataview``, as a dict) into a ``View``."""

    def __init__(self, versions: VersionReader) -> None:
        self._versions = versions

    async def resolve(self, company: str, spec: Mapping[str, Any]) -> View:
        spec = dict(spec)
        entries = [e for e in spec.get("versions") or () if isinstance(e, Mapping)]
        filters = [dict(f) for f in spec.get("filters") or () if isinstance(f, Mapping)]
        explicit = bool(filters)
        if not explicit:
            filters = [{"dataset": "*", "version": "*"}]
        cache: dict[tuple[str, str], list[Scope]] = {}
        await self._merge(company, entries, cache)
        in_view = await self._scopes(company, [(e["dataset"], e["version"]) for e in entries
                                               if e.get("dataset") and e.get("version")], cache)
        views = []
        for index, rule in enumerate(filters):
            scopes = await self._scopes(company, rules.rule_targets(rule, entries), cache)
            query = rules.all_of(visible_in_any(scopes), compile_rule(rule, index=index))
            views.append(RuleView(index, rule, tuple(scopes), query))
        # the view's versions first (a frame names the first that sees it), then those only rules name
        scopes: dict[str, Scope] = {}
        for scope in [*in_view, *(s for r in views for s in r.scopes)]:
            scopes.setdefault(scope.version, scope)
        return View(spec, tuple(views), tuple(scopes.values()), explicit)

    async def _scopes(self, company: str, targets: Sequence[tuple[str, str]],
                      cache: dict[tuple[str, str], list[Scope]]) -> list[Scope]:
        out: list[Scope] = []
        for target in targets:
            if target not in cache:
                cache[target] = await self._lookup(company, *target)
            out.extend(cache[target])
        return out

    async def _merge(self, company: str, entries: Sequence[Mapping[str, Any]],
                     cache: dict[tuple[str, str], list[Scope]]) -> None:
        """Entries with ``merge_with`` read their version merged with that one (of the same
        dataset: its frames live in the dataset's index); rules naming the entry read it too."""
        for entry in entries:
            dataset, version, other = entry.get("dataset"), entry.get("version"), entry.get("merge_with")
            if not (dataset and version and other):
                continue
            (scope,) = await self._lookup(company, dataset, version)
            (merged,) = await self._lookup(company, dataset, other)
            cache[(dataset, version)] = [Scope(dataset, version, rules.merged_lineage(scope.lineage, merged.lineage))]

    async def _lookup(self, company: str, dataset: str, version: str) -> list[Scope]:
        if version == "*":
            docs = await self._versions.of_dataset(company, dataset)
        else:
            doc = await self._versions.get(company, version)
            if doc is None or doc.get("dataset") != dataset:
                raise ApiError.named("invalid_id", f"dataset version not found: {version} (dataset={dataset})",
                                     dataset=dataset, version=version)
            docs = [doc]
        return [Scope(d["dataset"], _id(d), tuple(d.get("lineage") or [_id(d)])) for d in docs]


def _id(doc: Mapping[str, Any]) -> str:
    return str(doc.get("id") or doc.get("_id"))
