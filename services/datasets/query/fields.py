"""Where the field names of a query land in the frame document (``services/datasets/README.md``,
"The frame document"), for each place a query is written:

- ``FRAME`` (``frame_query``): frame paths (``meta.city``, ``id``, ``context_id``,
  ``timestamp``, ``sources.uri``, ``rois.label``, ...); a bare term searches every field.
- ``SOURCES`` (``sources_query``): fields of a source (``uri`` is ``sources.uri``). The SDK
  itself writes the full path (``sources.meta.hash.source:(...)`` when it looks for uploaded
  files), and ClearML's documentation writes ``source.id``: both are accepted.
- ``ROI`` (a label rule's ``label``): fields of one ROI; a bare term is a label.

Everywhere a trailing ``.keyword`` is dropped: ClearML's documented label queries say
``label.keyword:"Car"`` (its labels are text with a keyword sub-field; ours are keywords).
"""

from __future__ import annotations

from dataclasses import dataclass

ROIS = "rois"
# The types the frame mapping (``store/layout.py``, checked by a unit test) gives its fixed
# fields; ``meta.*`` and ``label_counts.*`` take whatever their first value makes them.
KEYWORDS = frozenset({
    "id", "dataset", "version", "hidden_in", "context_id", "saved_in_version", "updated_in_version", "labels",
    "sources.id", "sources.uri", "sources.content_type", "rois.id", "rois.label", "rois.sources",
})
NUMBERS = frozenset({
    "timestamp", "saved", "updated", "sources.width", "sources.height", "sources.timestamp",
    "rois.confidence", "rois.area",
})
_KEYWORD = ".keyword"
# Names ClearML's frame has that the frame document spells differently.
_FRAME_ALIASES = {"dataset.id": "dataset", "source": "sources"}


@dataclass(frozen=True)
class Context:
    """How one kind of query names fields: ``default`` is the field of a bare term (None: every
    field, in ``default_scope``); ``nested``: whether ``rois.*`` fields need a nested query
    (False inside a label rule, which is already one)."""

    name: str
    prefix: str
    default: str | None
    default_scope: str
    nested: bool

    def path(self, field: str) -> str:
        """The document path of a field as written."""
        if field.endswith(_KEYWORD) and len(field) > len(_KEYWORD):
            field = field[: -len(_KEYWORD)]
        head, dot, rest = field.partition(".")
        full = _FRAME_ALIASES.get(field) or (_FRAME_ALIASES.get(head, head) + dot + rest)
        if not self.prefix or full == self.prefix[:-1] or full.startswith(self.prefix):
            return full
        return self.prefix + field

    def is_roi_field(self, path: str) -> bool:
        return self.nested and (path == ROIS or path.startswith(ROIS + "."))


FRAME = Context("frame_query", "", None, "*", nested=True)
SOURCES = Context("sources_query", "sources.", None, "sources.*", nested=True)
ROI = Context("label", "rois.", "rois.label", "rois.*", nested=False)
