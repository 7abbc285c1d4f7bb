"""Where the real servers are, and a clear failure when they are not there.

The integration and e2e tiers never skip: without servers they fail and say how to get them.
"""

from __future__ import annotations

import os
import socket
import urllib.request

import pytest

KAFKA = os.environ.get("CAIRN_KAFKA_BOOTSTRAP", "127.0.0.1:9092")
MONGO = os.environ.get("CAIRN_MONGO_URI", "mongodb://127.0.0.1:27017")
ES = os.environ.get("CAIRN_ES_URL", "http://127.0.0.1:9200")

HOW = (
    "Start them with `make servers` (installs Kafka, Elasticsearch and SecantusDB into "
    "~/.cache/cairn on first use), or point CAIRN_KAFKA_BOOTSTRAP / CAIRN_MONGO_URI / "
    "CAIRN_ES_URL at running servers."
)


def _tcp_open(hostport: str) -> bool:
    host, _, port = hostport.rpartition(":")
    try:
        with socket.create_connection((host, int(port)), timeout=2):
            return True
    except OSError:
        return False


def _mongo_hostport(uri: str) -> str:
    rest = uri.split("://", 1)[-1].split("/", 1)[0].split(",")[0]
    return rest.split("@")[-1] if ":" in rest else rest + ":27017"


def _es_ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_cluster/health", timeout=3) as resp:
            return resp.status == 200
    except OSError:
        return False


def require_servers(kafka: bool = True, mongo: bool = True, es: bool = False) -> None:
    missing = []
    if kafka and not _tcp_open(KAFKA.split(",")[0]):
        missing.append(f"Kafka at {KAFKA}")
    if mongo and not _tcp_open(_mongo_hostport(MONGO)):
        missing.append(f"MongoDB-wire server at {MONGO}")
    if es and not _es_ready(ES):
        missing.append(f"Elasticsearch at {ES}")
    if missing:
        pytest.fail(f"not reachable: {', '.join(missing)}. {HOW}", pytrace=False)
