"""Typed settings shared by every Cairn process.

Every value comes from a ``CAIRN_*`` environment variable. A process builds its settings once
in ``main`` and hands them to ``create_app(settings)``; nothing reads the environment later.
Unsafe defaults are refused: outside ``CAIRN_DEV_MODE=true`` the token secret must be set.
"""

from __future__ import annotations

import secrets
import sys
import uuid
from typing import Literal

from pydantic import Field, ValidationError, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Only used when CAIRN_DEV_MODE=true, never in a deployment.
DEV_TOKEN_SECRET = "cairn-development-only-token-secret-do-not-deploy"


class SharedSettings(BaseSettings):
    """Settings every process needs: where the servers are and how to name things in them."""

    model_config = SettingsConfigDict(env_prefix="CAIRN_", extra="ignore", frozen=True)

    dev_mode: bool = False
    kafka_bootstrap: str = "127.0.0.1:9092"
    # A production Kafka (shared/messaging/kafka.py): TLS and/or SASL, and the replication of
    # the topics Cairn creates. The password belongs in a Secret (the Helm chart's kafka.sasl).
    kafka_security_protocol: Literal["PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"] = "PLAINTEXT"
    kafka_sasl_mechanism: Literal["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"] = "PLAIN"
    kafka_sasl_username: str = ""
    kafka_sasl_password: str = ""
    kafka_ssl_cafile: str = ""
    kafka_ssl_certfile: str = ""
    kafka_ssl_keyfile: str = ""
    kafka_replication_factor: int = Field(default=1, ge=1)
    mongo_uri: str = "mongodb://127.0.0.1:27017"
    es_url: str = "http://127.0.0.1:9200"
    # Test runs and parallel checkouts isolate themselves by names, never by ports.
    topic_prefix: str = ""
    db_prefix: str = ""
    instance_id: str = Field(default_factory=lambda: uuid.uuid4().hex[:12])
    rpc_timeout_s: float = Field(default=10.0, gt=0)
    rpc_partitions: int = Field(default=6, ge=1)
    rpc_max_in_flight: int = Field(default=256, ge=1)
    # The broker answers a fetch as soon as one byte arrives (fetch.min.bytes=1), so a long
    # wait costs no latency (measured: p50 1.6-1.8 ms at 5, 100 and 500 ms) while a short one
    # makes every idle consumer poll the broker hundreds of times a second.
    rpc_fetch_wait_ms: int = Field(default=500, ge=1, le=5000)
    mongo_timeout_ms: int = Field(default=5000, ge=100)
    log_level: str = "INFO"
    otel_console: bool = False
    # OTLP over HTTP, e.g. http://otel-collector:4318/v1/traces: traces from the gateway through
    # Kafka into each service and its MongoDB and Elasticsearch calls. Unset (and no console):
    # no tracing at all, nothing to pay per request.
    otel_endpoint: str = ""
    # /metrics, /livez, /readyz of this process (shared/metrics.py); unset: not served.
    metrics_port: int | None = Field(default=None, ge=0, le=65535)
    metrics_host: str = "127.0.0.1"


class TokenSettings(SharedSettings):
    """Settings of the processes that sign or verify session tokens (gateway, identity)."""

    auth_token_secret: str = ""

    @model_validator(mode="after")
    def _require_secret(self) -> "TokenSettings":
        if not self.auth_token_secret:
            if not self.dev_mode:
                raise ValueError(
                    "CAIRN_AUTH_TOKEN_SECRET is not set: set it (the same value for the gateway and "
                    "identity), or set CAIRN_DEV_MODE=true for a local development run"
                )
            object.__setattr__(self, "auth_token_secret", DEV_TOKEN_SECRET)
        return self


def load_settings(cls: type[SharedSettings]) -> SharedSettings:
    """Build ``cls`` from the environment, or exit with a readable message (fail fast)."""
    try:
        return cls()
    except ValidationError as exc:
        lines = [f"{cls.__name__}: invalid configuration"]
        for err in exc.errors():
            where = ".".join(str(p) for p in err["loc"]) or "settings"
            lines.append(f"  {where}: {err['msg']}")
        print("\n".join(lines), file=sys.stderr)
        raise SystemExit(2) from None


def random_secret(nbytes: int = 32) -> str:
    """A URL-safe random secret (used for generated credentials and session ids)."""
    return secrets.token_urlsafe(nbytes)
