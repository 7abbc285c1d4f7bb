"""How every Kafka client of a process connects: security (TLS, SASL) and the replication of
the topics Cairn creates, from the process's settings.

``shared.runtime.serve`` calls ``configure(settings)`` once at start; every producer, consumer
and admin client adds ``**client_options()`` to its arguments, and ``ensure_topics`` creates
topics with ``replication_factor()`` replicas. Unconfigured (tests that build processes in
memory): plaintext, one replica, as the local stack runs.
"""

from __future__ import annotations

import ssl
from typing import Any

from shared.settings import SharedSettings

_options: dict[str, Any] = {}
_replication = 1


def connection_options(settings: SharedSettings) -> dict[str, Any]:
    """aiokafka client arguments for the settings' ``kafka_security_protocol`` and friends."""
    protocol = settings.kafka_security_protocol
    options: dict[str, Any] = {"security_protocol": protocol}
    if protocol in ("SSL", "SASL_SSL"):
        context = ssl.create_default_context(cafile=settings.kafka_ssl_cafile or None)
        if settings.kafka_ssl_certfile:
            context.load_cert_chain(settings.kafka_ssl_certfile, settings.kafka_ssl_keyfile or None)
        options["ssl_context"] = context
    if protocol.startswith("SASL_"):
        options.update(sasl_mechanism=settings.kafka_sasl_mechanism,
                       sasl_plain_username=settings.kafka_sasl_username,
                       sasl_plain_password=settings.kafka_sasl_password)
    return options


def configure(settings: SharedSettings) -> None:
    global _options, _replication
    _options = connection_options(settings)
    _replication = settings.kafka_replication_factor


def client_options() -> dict[str, Any]:
    return dict(_options)


def replication_factor() -> int:
    return _replication
