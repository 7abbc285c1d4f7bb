"""The identity process: ClearML's ``auth``, ``users``, ``login``, ``server`` and ``debug``
services (sessions, credentials, users and companies), over Kafka RPC."""
