"""Ports and adapters of the datasets process: MongoDB (datasets, versions, schemas,
dataviews, iteration states) and Elasticsearch (frames)."""
