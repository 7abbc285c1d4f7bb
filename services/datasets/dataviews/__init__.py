"""Dataview documents: ``dataviews.create/update/get_*/delete*/archive*/publish*/move``."""
