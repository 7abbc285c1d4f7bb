"""Gateway settings (``CAIRN_GATEWAY_*`` plus the shared ``CAIRN_*`` ones)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from shared.settings import TokenSettings


class GatewaySettings(TokenSettings):
    gateway_host: str = "127.0.0.1"
    gateway_port: int = Field(default=8008, ge=0, le=65535)
    # How long a verified key/secret pair is trusted without asking identity again.
    gateway_basic_cache_s: float = Field(default=30.0, ge=0)
    gateway_ready_timeout_s: float = Field(default=3.0, gt=0)
    # Larger request bodies are refused with 413 before they are read whole; at most the Kafka
    # message limit (32 MB), which every request crosses.
    gateway_max_body_mb: int = Field(default=32, ge=1, le=32)
    # events.add/add_batch answer once the events are searchable ("indexed", what the SDK
    # expects) or once Kafka has them ("durable"); a call may choose with X-Cairn-Ack.
    events_ack: Literal["indexed", "durable"] = "indexed"
