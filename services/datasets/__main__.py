"""``python -m services.datasets``."""

from services.datasets.main import main

main()
