"""Iterating over dataviews: ``frames.get_next*`` with a shared state per scroll, counts,
snippets (and vector search), statistics and downloads of the frames a dataview selects."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class IterationRoom:
    """The room's use cases (built in ``main.build_use_cases``)."""

    scrolls: Any  # service.IterationService: get_next*, clear_get_next_state
    reads: Any  # reads.DataviewReads: counts, snippets, source ids, stats, query, groups
    downloads: Any  # downloads.Downloads: prepare_download_for_dataview, download_for_dataview
    labels: Any  # labels.TaskLabels: datasets.get_label_keywords_for_running_task
