"""Topic names, in one place: ``cairn.<process>.<kind>`` behind an optional run prefix."""

from __future__ import annotations

# Kafka's 1 MB default is too small for ClearML: the SDK sends event batches of up to 15 MB and
# a get_all page of 500 tasks can pass 1 MB. Every RPC topic and producer allows this much.
MAX_MESSAGE_BYTES = 32 * 1024 * 1024
TOPIC_CONFIG = {"max.message.bytes": str(MAX_MESSAGE_BYTES)}

PROCESSES = ("identity", "tasks", "events", "queues", "datasets", "files")


def rpc_topic(prefix: str, process: str) -> str:
    """Requests for ``process``; keyed by the main entity id so writes to one entity stay ordered."""
    return f"{prefix}cairn.{process}.rpc"


def changes_topic(prefix: str, process: str) -> str:
    """Facts ``process`` publishes (past tense: ``SessionRevoked``, ``TaskDeleted``...)."""
    return f"{prefix}cairn.{process}.changes"


def reply_topic(prefix: str, instance_id: str) -> str:
    """One reply topic per gateway instance: an instance never reads another's replies."""
    return f"{prefix}cairn.gateway.{instance_id}.replies"


def events_ingest_topic(prefix: str) -> str:
    return f"{prefix}cairn.events.ingest"
