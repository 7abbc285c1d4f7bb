"""The tasks process: ClearML's ``tasks`` and ``projects`` services (task lifecycle), over
Kafka RPC, stored in MongoDB ``cairn_tasks``."""
