"""Use cases of ClearML's ``models`` service."""
