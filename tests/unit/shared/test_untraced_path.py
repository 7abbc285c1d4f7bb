"""A process without a tracer provider makes no spans and carries no trace context on its hot
path; with one, the same helpers make real spans and carry their context."""

from __future__ import annotations

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from shared import telemetry


@pytest.fixture
def untraced(monkeypatch):
    monkeypatch.setattr(telemetry.trace, "get_tracer_provider", lambda: trace.NoOpTracerProvider())


@pytest.fixture
def traced(monkeypatch):
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    monkeypatch.setattr(telemetry.trace, "get_tracer_provider", lambda: provider)
    return provider, exporter


def test_untraced_helpers_make_nothing(untraced):
    assert not telemetry.tracing()
    with telemetry.span(trace.NoOpTracer(), "call") as current:
        current.set_attribute("clearml.endpoint", "tasks.get_by_id")
        headers: list[tuple[str, bytes]] = []
        telemetry.inject_headers(headers)
    assert headers == []
    assert telemetry.extract_context([("traceparent", b"00-" + b"1" * 32 + b"-" + b"2" * 16 + b"-01")]) is None


def test_traced_helpers_make_spans_and_carry_their_context(traced):
    provider, exporter = traced
    assert telemetry.tracing()
    tracer = provider.get_tracer("test")
    with telemetry.span(tracer, "call") as current:
        current.set_attribute("clearml.endpoint", "tasks.get_by_id")
        headers: list[tuple[str, bytes]] = []
        telemetry.inject_headers(headers)
        trace_id = current.get_span_context().trace_id
    assert [s.name for s in exporter.get_finished_spans()] == ["call"]
    assert exporter.get_finished_spans()[0].attributes["clearml.endpoint"] == "tasks.get_by_id"
    carried = trace.get_current_span(telemetry.extract_context(headers)).get_span_context()
    assert dict(headers).keys() >= {"traceparent"} and carried.trace_id == trace_id
