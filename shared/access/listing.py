"""Which entities of a type a caller may read, as a condition a store can put in its query.

For entity types whose chain is the entity then its category (queues, routes, datasets,
dataviews: ``scopes_of(type, id)`` without projects), the decision over a whole listing needs
only the category's grant and the ids that rules name: when the category lets the caller read,
every entity is readable but the named ones whose own rules do not; otherwise only the named
ones whose own rules do. So a listing filters in its query (paging and counts stay right)
instead of dropping documents after reading a page.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared.access.rules import RuleSet
from shared.access.snapshot import READ, Permission
from shared.messaging.envelopes import Identity


@dataclass(frozen=True)
class Readable:
    """``everything``: every entity but ``excluded``; otherwise only those in ``only``."""

    everything: bool = True
    excluded: frozenset[str] = frozenset()
    only: frozenset[str] = frozenset()

    def allows(self, entity_id: str) -> bool:
        return entity_id not in self.excluded if self.everything else entity_id in self.only

    def restricts(self) -> bool:
        return not self.everything or bool(self.excluded)


EVERYTHING = Readable()


def readable(ruleset: RuleSet, identity: Identity, entity_type: str, needed: Permission = READ) -> Readable:
    """The entities of ``entity_type`` (chain: the entity, its category) on which the caller
    has ``needed``."""
    if ruleset.bypasses(identity.role):
        return EVERYTHING
    category = ruleset.allows(identity.user, identity.role, [(entity_type, None)], needed)
    named = ruleset.named_ids(entity_type)
    decided = {i: ruleset.allows(identity.user, identity.role, [(entity_type, i)], needed) for i in named}
    if category:
        return Readable(True, excluded=frozenset(i for i, ok in decided.items() if not ok))
    return Readable(False, only=frozenset(i for i, ok in decided.items() if ok))
