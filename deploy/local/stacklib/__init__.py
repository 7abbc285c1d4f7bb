"""Helpers of deploy/local/stack.py (stdlib only: runs before any virtualenv exists)."""
