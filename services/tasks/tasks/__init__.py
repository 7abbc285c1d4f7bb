"""Use cases of one task: its lifecycle (status machine), edits, parameters, queueing, removal, cloning, validation, the watchdog and pipeline runs."""
