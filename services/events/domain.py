"""Pure rules of the events process: what a valid event is, how it is normalised (ClearML
``events.add``), where it is stored (index per prefix, type, company and month) and under which
deterministic document id, and how a task's metric summary is folded from aggregations."""

from __future__ import annotations

import base64
import hashlib
import math
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NamedTuple

from shared.elastic import safe_company

SCALAR, VECTOR, IMAGE, PLOT, LOG = (
    "training_stats_scalar",
    "training_stats_vector",
    "training_debug_image",
    "plot",
    "log",
)
EVENT_TYPES = (SCALAR, VECTOR, IMAGE, PLOT, LOG)
# Logger.report_single_value: scalar events at this iteration (metric "Summary").
SINGLE_VALUE_ITER = -(2**31)
# Machine monitoring never moves a task's last iteration.
MONITOR_METRICS = (":monitor:machine", ":monitor:gpu")
_INT64 = 2**63


class Rejected(Exception):
    """One event that can never be stored; ``reason`` is counted in ``errors_info``."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Target(NamedTuple):
    """What an event is about: a task, or a model (``model_event: true``). A tuple: it is a
    dictionary key once per indexed event, and tuples hash in C."""

    entity: str  # "task" | "model"
    id: str


@dataclass
class Normalised:
    target: Target
    source: dict[str, Any]
    allow_locked: bool = False


@dataclass
class Summary:
    """A task's or model's metric summary, absolute (recomputed from the stored events)."""

    last_iteration: int | None = None
    last_metrics: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)


def md5(text: str) -> str:
    return hashlib.md5(text.encode()).hexdigest()  # noqa: S324 - an id, not a secret


def normalise(raw: Any, company: str, received_ms: int, worker: str = "") -> Normalised:
    """Validate and normalise one reported event, or raise :class:`Rejected`.

    ClearML rules: ``type`` required (spaces become ``_``); ``task``, or ``model`` with
    ``model_event: true``; ``iter`` an int64 (default 0); ``metric``/``variant`` default "";
    ``values`` becomes ``value``; legacy ``ts``; ``timestamp`` (ms) defaults to the time the
    event was received, ``@timestamp`` is always that time."""
    if not isinstance(raw, dict):
        raise Rejected("event is not an object")
    event = dict(raw)
    allow_locked = bool(event.pop("allow_locked", False))
    event_type = event.get("type")
    if not isinstance(event_type, str) or not event_type.strip():
        raise Rejected("missing event type")
    event_type = event_type.strip().replace(" ", "_")
    if event_type not in EVENT_TYPES:
        raise Rejected(f"invalid event type {event_type}")
    event["type"] = event_type
    target = _target(event)
    event["iter"] = _iteration(event.get("iter"))
    event["metric"] = _text(event.get("metric"))
    event["variant"] = _text(event.get("variant"))
    if "values" in event:
        event["value"] = event.pop("values")
    if event_type == SCALAR:
        event["value"] = _number(event.get("value"))
    event["timestamp"] = _timestamp(event, received_ms)
    event["@timestamp"] = received_ms
    event["company_id"] = company
    event["task"] = target.id
    event["model_event"] = target.entity == "model"
    event.pop("model", None)
    if worker and not event.get("worker"):
        event["worker"] = worker
    return Normalised(target, event, allow_locked)


def _target(event: dict[str, Any]) -> Target:
    if event.get("model_event"):
        model = event.get("model") or event.get("task")
        if not isinstance(model, str) or not model:
            raise Rejected("model is required for a model event")
        return Target("model", model)
    task = event.get("task")
    if not isinstance(task, str) or not task:
        raise Rejected("task is required")
    return Target("task", task)


def _iteration(value: Any) -> int:
    if value is None:
        return 0
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        raise Rejected("iteration is not an integer") from None
    if not -_INT64 <= number < _INT64:
        raise Rejected("iteration out of range")
    return number


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Rejected("scalar value is not a number")
    if not math.isfinite(value):
        raise Rejected("scalar value is not finite")
    return value


def _timestamp(event: dict[str, Any], received_ms: int) -> int:
    value = event.get("timestamp")
    if value is None and event.get("ts") is not None:
        value = event.pop("ts")
        if isinstance(value, (int, float)) and value < 1e11:  # legacy seconds
            value = value * 1000
    if value is None:
        return received_ms
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise Rejected("timestamp is not a number")
    return int(value)


def document_id(source: dict[str, Any], position: str) -> str:
    """The same point (task, iteration, metric, variant, image key) always gets the same id,
    so re-reporting or re-delivery overwrites; a log line's id comes from where it was read
    (topic, partition, offset, index in the batch), so only a re-delivery overwrites it."""
    if source["type"] == LOG:
        return md5(f"log-{position}")
    extra = source.get("key") or "" if source["type"] == IMAGE else ""
    return md5(f"{source['task']}-{source['iter']}-{source['metric']}-{source['variant']}-{extra}")


def index_name(prefix: str, event_type: str, company: str, when_ms: int) -> str:
    """``<prefix>cairn-events-<type>-<company>-<yyyy-mm>``: old months are dropped whole."""
    month = datetime.fromtimestamp(when_ms / 1000, UTC).strftime("%Y-%m")
    return f"{prefix}cairn-events-{event_type}-{safe_company(company)}-{month}"


def read_pattern(prefix: str, company: str, event_type: str | None = None) -> str:
    """The indices of one company (and type) across months; queries also filter on company_id."""
    return f"{prefix}cairn-events-{event_type or '*'}-{safe_company(company)}-*"


def compress_plot(source: dict[str, Any], threshold: int) -> None:
    """Large plots are stored zlib-compressed in ``plot_data`` (ClearML does the same)."""
    plot = source.get("plot_str")
    if not isinstance(plot, str):
        return
    source["plot_len"] = len(plot)
    if len(plot) >= threshold:
        source["plot_data"] = base64.b64encode(zlib.compress(plot.encode())).decode()
        del source["plot_str"]


def decompress_plot(source: dict[str, Any]) -> dict[str, Any]:
    data = source.pop("plot_data", None)
    if data and "plot_str" not in source:
        source["plot_str"] = zlib.decompress(base64.b64decode(data)).decode()
    return source


def metric_entry(
    metric: str, variant: str, stats: dict[str, Any], last: dict, first: dict, lowest: dict, highest: dict
) -> dict[str, Any]:
    """One ``last_metrics[md5(metric)][md5(variant)]`` entry from aggregated values."""
    entry = {
        "metric": metric,
        "variant": variant,
        "value": last.get("value"),
        "min_value": stats.get("min"),
        "min_value_iteration": lowest.get("iter"),
        "max_value": stats.get("max"),
        "max_value_iteration": highest.get("iter"),
        "first_value": first.get("value"),
        "first_value_iteration": first.get("iter"),
        "mean_value": round(stats["avg"], 2) if stats.get("avg") is not None else None,
        "count": stats.get("count", 0),
    }
    if last.get("x_axis_label"):
        entry["x_axis_label"] = last["x_axis_label"]
    return entry


def add_entry(summary: Summary, entry: dict[str, Any]) -> None:
    summary.last_metrics.setdefault(md5(entry["metric"]), {})[md5(entry["variant"])] = entry
