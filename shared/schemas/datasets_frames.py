"""Requests of the frame batches of ClearML's ``datasets`` service (``save_frames``,
``update_frames``).

The SDK sends these unvalidated (``_SaveFramesRequestNoValidate``) and reads per-frame errors
back: a batch with some invalid frames saves the valid ones and lists the others. So the
request model only asks for a version and a list; each frame is judged alone by the datasets
process (``services/datasets/frames/rules.py``), never the whole call at the gateway."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from shared.schemas.generated import datasets as generated


class SaveFramesRequest(generated.SaveFramesRequest):
    """``datasets.save_frames``: ``frames`` of any shape (each checked alone).
    Refines the catalog's ``SaveFramesRequest``: ``frames`` items are not validated here."""

    frames: list[Any]


class UpdateFramesRequest(generated.UpdateFramesRequest):
    """``datasets.update_frames``: as ``save_frames``, each frame checked alone.
    Refines the catalog's ``UpdateFramesRequest``: ``frames`` items are not validated here."""

    frames: list[Any]


REQUESTS: dict[str, type[BaseModel]] = {
    "datasets.save_frames": SaveFramesRequest,
    "datasets.update_frames": UpdateFramesRequest,
}
