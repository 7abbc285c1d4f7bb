"""Kafka messaging shared by every process: envelopes, topic names, RPC client and server."""
