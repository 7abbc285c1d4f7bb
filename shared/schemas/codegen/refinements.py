"""Field types the generator writes differently from the newest catalog, and why. Each entry
makes a request model more lenient where older clients send an older shape that the reference
server still accepts at their API version (the catalog only gives the newest shape)."""

from __future__ import annotations

# (endpoint, field) -> Python type expression used instead of the catalog's.
REQUEST_FIELD_TYPES: dict[tuple[str, str], str] = {
    # API <= 2.23 (the clearml SDK's ``models.GetAllRequest``) sends ``last_update`` as one
    # date-time string; newer versions as a list of ``[op]date`` filters.
    ("models.get_all", "last_update"): "list[str] | str",
    # The catalog's (and the SDK's) enum is the single value "json jsonlines" with default
    # "json": two values joined by mistake. Accept both values and the joined spelling.
    ("frames.prepare_download_for_dataview", "download_type"): "Literal['json', 'jsonlines', 'json jsonlines']",
}
