"""The queues process: ClearML's ``queues`` and ``workers`` services."""
