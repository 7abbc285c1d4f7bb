"""``python -m services.identity``."""

from services.identity.main import main

main()
