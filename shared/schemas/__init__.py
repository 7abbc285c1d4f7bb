"""Pydantic models of the ClearML API: one module per ClearML service.

Each module exposes ``REQUESTS`` (endpoint name -> request model) so the gateway can validate
and the owning service can parse with the same definition. A request shape is declared once:
the generated model (``generated/``) where the catalog says it all, else a subclass of it that
says in its docstring what it changes (``tests/unit/contract/test_schemas_declared_once.py``).
Internal RPC requests between Cairn processes (``INTERNAL_REQUESTS``) live here too, so the
caller and the owner import the same shape.
"""
