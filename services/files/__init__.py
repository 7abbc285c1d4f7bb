"""The ``files`` process: the ClearML file server protocol (artifacts, models, debug images)."""
