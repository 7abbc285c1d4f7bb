"""Pure rules of the events process: what a valid event is, how it is normalised (ClearML
``events.add``), under which deterministic document id it is stored, how a task's metric summary
is folded, and what a read selects (:class:`Selection`, the event store's query in the
domain's words)."""

from __future__ import annotations

import base64
import functools
import hashlib
import math
import zlib
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Literal, NamedTuple

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
# errors_info reasons worded as ClearML words them (clients see them in add_batch answers).
NO_TARGET = "Event must have a 'task' field"


class Rejected(Exception):
    """One event that can never be stored; ``reason`` is counted in ``errors_info`` (ClearML's
    words where ClearML refuses the same event)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Target(NamedTuple):
    """What an event is about: a task, or a model (``model_event: true``). A tuple: it is a
    dictionary key once per indexed event, and tuples hash in C."""

    entity: str  # "task" | "model"
    id: str


@dataclass(slots=True)
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
    # Each field first checked for the shape the SDK sends (an exact type name, an int
    # iteration, str names, a float value, an int timestamp), which needs no cleaning; the
    # helpers judge anything else. The same rules, with fewer calls per event.
    event_type = event.get("type")
    if event_type not in EVENT_TYPES:
        event_type = _event_type(event_type)
    if event_type == LOG and event.get("model_event"):
        raise Rejected("Task log events are not supported for models")
    event["type"] = event_type
    target = _target(event)
    iteration = event.get("iter")
    event["iter"] = iteration if type(iteration) is int and -_INT64 <= iteration < _INT64 else _iteration(iteration)
    metric, variant = event.get("metric"), event.get("variant")
    event["metric"] = metric if type(metric) is str else _text(metric)
    event["variant"] = variant if type(variant) is str else _text(variant)
    if "values" in event:
        event["value"] = event.pop("values")
    if event_type == SCALAR:
        value = event.get("value")
        event["value"] = value if type(value) is float and math.isfinite(value) else _number(value)
    stamp = event.get("timestamp")
    event["timestamp"] = stamp if type(stamp) is int else _timestamp(event, received_ms)
    event["@timestamp"] = received_ms
    event["company_id"] = company
    event["task"] = target.id
    event["model_event"] = target.entity == "model"
    event.pop("model", None)
    if worker and not event.get("worker"):
        event["worker"] = worker
    return Normalised(target, event, allow_locked)


def _event_type(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise Rejected("Event must have a 'type' field")
    event_type = value.strip().replace(" ", "_")
    if event_type not in EVENT_TYPES:
        raise Rejected(f"Invalid event type {event_type}")
    return event_type


def _target(event: dict[str, Any]) -> Target:
    if event.get("model_event"):
        model = event.get("model") or event.get("task")
        if not isinstance(model, str) or not model:
            raise Rejected(NO_TARGET)
        return _known_target("model", model)
    task = event.get("task")
    if not isinstance(task, str) or not task:
        raise Rejected(NO_TARGET)
    return _known_target("task", task)


# The events of a batch share their target: one tuple for all of them (a cached lookup costs
# less than building the tuple, and leaves the collector fewer objects).
_known_target = functools.lru_cache(maxsize=65_536)(Target)


def _iteration(value: Any) -> int:
    if value is None:
        return 0
    try:
        number = int(value)
    except (TypeError, ValueError, OverflowError):
        raise Rejected("iteration is not an integer") from None
    if not -_INT64 <= number < _INT64:
        raise Rejected(f"Iteration number should not exceed {_INT64 - 1}")
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
    if not -_INT64 <= value < _INT64:  # 1e300 ms: no JSON encoder of the store's bulk body takes it
        raise Rejected(f"timestamp should not exceed {_INT64 - 1}")
    return int(value)


def document_id(source: dict[str, Any], seed: str) -> str:
    """The same point (task, iteration, metric, variant, image key) always gets the same id,
    so re-reporting or re-delivery overwrites; a log line's id comes from ``seed``: the
    request's log content (:func:`log_seed`) and the line's index in it, so a re-delivery and
    a client's re-sending of the same request (after a 503) overwrite, and nothing else does."""
    if source["type"] == LOG:
        return md5(f"log-{seed}")
    extra = source.get("key") or "" if source["type"] == IMAGE else ""
    return md5(f"{source['task']}-{source['iter']}-{source['metric']}-{source['variant']}-{extra}")


def log_seed(sources: list[dict[str, Any]]) -> str:
    """A digest of a request's log lines (every field of each, in order, but ``@timestamp``: the
    time it was received): the same request sent twice gets the same digest. Its lines' ids
    are ``<digest>-<index>``."""
    digest = hashlib.md5()  # noqa: S324 - an id, not a secret
    for source in sources:
        if source["type"] == LOG:
            digest.update(repr(sorted(item for item in source.items() if item[0] != "@timestamp")).encode())
            digest.update(b"\0")
    return digest.hexdigest()


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


def as_reported(source: dict[str, Any]) -> dict[str, Any]:
    """A stored event as ClearML returns it: a big plot decompressed, ``@timestamp`` (when it
    was stored, kept as epoch ms) the UTC time string ClearML stores,
    ``2025-11-29T07:06:40.123Z``, and without ``x_axis_label`` (ClearML keeps it on the task's
    ``last_metrics`` only; Cairn also stores it with the event to recompute summaries)."""
    source.pop("x_axis_label", None)
    stored = source.get("@timestamp")
    if isinstance(stored, int) and not isinstance(stored, bool):
        moment = datetime.fromtimestamp(stored / 1000, UTC)
        source["@timestamp"] = moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{stored % 1000:03d}Z"
    return decompress_plot(source)


def metric_entry(
    metric: str, variant: str, stats: dict[str, Any], last: dict, first: dict, lowest: dict, highest: dict
) -> dict[str, Any]:
    """One ``last_metrics[md5(metric)][md5(variant)]`` entry from aggregated values (``stats``:
    ``count``, ``low``, ``high``, ``mean``)."""
    entry = {
        "metric": metric,
        "variant": variant,
        "value": last.get("value"),
        "min_value": stats.get("low"),
        "min_value_iteration": lowest.get("iter"),
        "max_value": stats.get("high"),
        "max_value_iteration": highest.get("iter"),
        "first_value": first.get("value"),
        "first_value_iteration": first.get("iter"),
        "mean_value": round(stats["mean"], 2) if stats.get("mean") is not None else None,
        "count": stats.get("count", 0),
    }
    if last.get("x_axis_label"):
        entry["x_axis_label"] = last["x_axis_label"]
    return entry


def add_entry(summary: Summary, entry: dict[str, Any]) -> None:
    summary.last_metrics.setdefault(md5(entry["metric"]), {})[md5(entry["variant"])] = entry


# What a read selects: the event store's port takes these and nothing of its query language.

Iterations = Literal["all", "series", "single"]


@dataclass(frozen=True)
class MetricFilter:
    """One metric (None: any) and, if any are named, only these of its variants."""

    metric: str | None = None
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class Selection:
    """Some events of one company: of these tasks (or models), of one type (None: all), of these
    metrics (none named: all). ``iterations``: ``series`` leaves single values out (ClearML's
    histograms and metric lists), ``single`` keeps only them. The rest narrow further: iterations
    strictly below/above a bound, lines older than a time, events received until a time,
    metric names in/not in a list, positive values only."""

    company: str
    tasks: tuple[str, ...]
    models: bool = False
    event_type: str | None = None
    metrics: tuple[MetricFilter, ...] = ()
    iterations: Iterations = "all"
    iter_below: int | None = None
    iter_above: int | None = None
    older_than_ms: int | None = None
    received_until_ms: int | None = None  # ``@timestamp`` (when Cairn received it) at most this
    metric_in: tuple[str, ...] = ()
    metric_not_in: tuple[str, ...] = ()
    positive: bool = False

    @classmethod
    def of(cls, company: str, target: Target, **narrowing: Any) -> Selection:
        """The events of one task or model."""
        return cls(company, (target.id,), target.entity == "model", **narrowing)

    def narrowed(self, **narrowing: Any) -> Selection:
        return replace(self, **narrowing)


def metric_filters(metrics: list[Any] | None) -> tuple[MetricFilter, ...]:
    """Request ``metrics`` (``{metric, variants}`` objects) as filters."""
    return tuple(MetricFilter(m.metric, tuple(m.variants or ())) for m in metrics or ())


@dataclass(frozen=True)
class Page:
    """Events in the order asked, how many the selection holds, and where the next page starts
    (an opaque position, None before the first event)."""

    events: list[dict[str, Any]]
    total: int
    after: list[Any] | None


@dataclass(frozen=True)
class SeriesStats:
    """How many points a series has, and the lowest and highest x among them."""

    count: int
    low: float | None
    high: float | None


@dataclass(frozen=True)
class LastValue:
    """A series' value at its last iteration (then latest timestamp), when that event was
    reported (``timestamp``), and the last time the series was stored (``received``)."""

    metric: str
    variant: str
    value: Any
    timestamp: Any
    received: Any
