"""What ClearML does to the ROIs of a frame it returns to a task, pure:

- which ROIs matched the label rules (``output_rois: only_filtered``): an ROI is kept when it
  matches at least one of the rule's positive (not ``must_not``) label rules; a rule without
  positive label rules (or whose ``filter_by_roi`` is not ``label_rules``) keeps them all;
- the dataview's label mapping (``mapping.rules``: ``{source: {dataset, version, labels},
  target}``): an ROI carrying every label of a rule's source, in a frame of the rule's dataset
  and version (absent or ``*``: any), has those labels replaced by the target; the first
  matching rule applies;
- the labels enumeration (``labels_enumeration``, label -> int): each ROI gets ``label_num``,
  the number of its first enumerated label, -1 when none is (ClearML's documented default).
  Mapping comes first, so the enumeration names the mapped labels, as ClearML documents.

And the whole filter rule evaluated in Python on a frame in hand (:func:`frame_matches`), the
reference the Elasticsearch query of ``rules.compile_rule`` is tested against.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from services.datasets.query import lucene, rules
from services.datasets.query.fields import FRAME, ROI, ROIS, SOURCES
from services.datasets.query.matching import matches

ANY = "*"


@dataclass(frozen=True)
class LabelRule:
    """One ``FilterLabelRule``, parsed and checked (errors as ``rules.compile_rule``'s)."""

    query: lucene.Node
    conf_low: float | None
    conf_high: float | None
    count_low: int
    count_high: int | None
    must_not: bool

    @classmethod
    def of(cls, rule: Mapping[str, Any], where: dict[str, Any] | None = None) -> LabelRule:
        where = where or {}
        query = rules.label_query(dict(rule), where)
        conf_low, conf_high = rules.conf_bounds(rule.get("conf_range"), where)
        count_low, count_high = rules.count_bounds(rule.get("count_range"), where)
        return cls(query, conf_low, conf_high, count_low, count_high, bool(rule.get("must_not")))

    def roi_matches(self, roi: Mapping[str, Any]) -> bool:
        """Whether one ROI counts for this rule (its label query and confidence range)."""
        if self.conf_low is not None or self.conf_high is not None:
            confidence = roi.get("confidence")
            if not isinstance(confidence, (int, float)) or isinstance(confidence, bool):
                return False
            if (self.conf_low is not None and confidence < self.conf_low) or (
                    self.conf_high is not None and confidence > self.conf_high):
                return False
        return matches(self.query, {ROIS: dict(roi)}, ROI)

    def frame_matches(self, rois: Iterable[Mapping[str, Any]]) -> bool:
        count = sum(1 for roi in rois if self.roi_matches(roi))
        inside = count >= self.count_low and (self.count_high is None or count <= self.count_high)
        return inside != self.must_not


def label_rules(filter_rule: Mapping[str, Any]) -> list[LabelRule]:
    """The label rules that apply to a filter rule's frames (none unless ``filter_by_roi`` is
    ``label_rules``, the default)."""
    if rules.filter_mode(filter_rule.get("filter_by_roi")) != "label_rules":
        return []
    return [LabelRule.of(rule, {"label_rule": i}) for i, rule in enumerate(filter_rule.get("label_rules") or [])]


def frame_matches(filter_rule: Mapping[str, Any], frame: Mapping[str, Any]) -> bool:
    """Whether a frame (as stored) is one of those ``filter_rule`` selects (its dataset and
    version aside): the Python twin of ``rules.compile_rule``."""
    mode = rules.filter_mode(filter_rule.get("filter_by_roi"))
    document = dict(frame)
    for text, context in ((filter_rule.get("frame_query"), FRAME), (filter_rule.get("sources_query"), SOURCES)):
        if text and text.strip() and not matches(rules.parse(text, context, {}), document, context):
            return False
    frame_rois = frame.get(ROIS) or []
    if mode == "no_rois":
        return not frame_rois
    return all(rule.frame_matches(frame_rois) for rule in label_rules(filter_rule))


def filtered_rois(filter_rule: Mapping[str, Any], rois: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """The ROIs of a returned frame that ``output_rois: only_filtered`` keeps."""
    positive = [rule for rule in label_rules(filter_rule) if not rule.must_not]
    if not positive:
        return list(rois)
    return [roi for roi in rois if any(rule.roi_matches(roi) for rule in positive)]


def map_labels(rois: Sequence[Mapping[str, Any]], mapping_rules: Sequence[Mapping[str, Any]] | None,
               dataset: str | None = None, version: str | None = None) -> list[dict[str, Any]]:
    """The ROIs (copies) with the dataview's mapping rules applied, for a frame of ``dataset``
    read through ``version``."""
    scoped = [rule for rule in mapping_rules or [] if _in_scope(rule.get("source") or {}, dataset, version)]
    return [_mapped(roi, scoped) for roi in rois]


def _in_scope(source: Mapping[str, Any], dataset: str | None, version: str | None) -> bool:
    wanted_dataset, wanted_version = source.get("dataset") or ANY, source.get("version") or ANY
    return wanted_dataset in (ANY, dataset) and wanted_version in (ANY, version)


def _mapped(roi: Mapping[str, Any], scoped: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    copy = dict(roi)
    labels = list(roi.get("label") or [])
    for rule in scoped:
        source = [label for label in (rule.get("source") or {}).get("labels") or [] if isinstance(label, str)]
        target = rule.get("target")
        if source and isinstance(target, str) and target and all(label in labels for label in source):
            kept = [label for label in labels if label not in source and label != target]
            copy["label"] = [target, *kept]
            break
    return copy


def enumerate_labels(rois: Sequence[Mapping[str, Any]], enumeration: Mapping[str, int] | None) -> list[dict[str, Any]]:
    """The ROIs (copies) with ``label_num`` from the labels enumeration; unchanged without one."""
    if not enumeration:
        return [dict(roi) for roi in rois]
    numbered = []
    for roi in rois:
        number = next((enumeration[label] for label in roi.get("label") or [] if label in enumeration), -1)
        numbered.append({**roi, "label_num": number})
    return numbered


def present_rois(rois: Sequence[Mapping[str, Any]], *, filter_rule: Mapping[str, Any] | None = None,
                 mapping_rules: Sequence[Mapping[str, Any]] | None = None,
                 enumeration: Mapping[str, int] | None = None, dataset: str | None = None,
                 version: str | None = None) -> list[dict[str, Any]]:
    """The ROIs of one returned frame as a task receives them: filtered first (``filter_rule``
    given for ``only_filtered``; the rules name the dataset's own labels), then mapped, then
    enumerated."""
    kept = filtered_rois(filter_rule, rois) if filter_rule is not None else list(rois)
    return enumerate_labels(map_labels(kept, mapping_rules, dataset, version), enumeration)
