"""Use cases of ClearML's ``reports`` service, ``reports.get_task_data`` among them."""
