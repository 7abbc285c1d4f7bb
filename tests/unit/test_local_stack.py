"""The local stack's scripts (deploy/local): pure parts that a fresh install depends on."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "deploy" / "local"))

from stacklib.services import new_cluster_id  # noqa: E402


def test_a_kafka_cluster_id_never_starts_with_a_dash():
    # 0xf8 encodes to '-' as the first base64url character: the storage tool would read
    # "-t -..." as two options and refuse to format a fresh install.
    draws = iter([b"\xf8" + bytes(15), b"\x00" * 16])
    cluster_id = new_cluster_id(lambda: next(draws))
    assert cluster_id == "AAAAAAAAAAAAAAAAAAAAAA"


def test_a_kafka_cluster_id_is_22_characters_of_base64url():
    cluster_id = new_cluster_id()
    assert len(cluster_id) == 22 and not cluster_id.startswith("-")
