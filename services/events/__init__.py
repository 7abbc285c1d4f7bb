"""The events process: ingest of reported events into Elasticsearch, and every ``events.*`` read."""
