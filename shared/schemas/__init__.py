"""Pydantic models of the ClearML API: one module per ClearML service.

Each module exposes ``REQUESTS`` (endpoint name -> request model) so the gateway can validate
and the owning service can parse with the same definition.
"""
