"""The login room of the identity process: passwords, the two login models of the stock web
UI (``CAIRN_LOGIN_MODE``), impersonation, and the ``login.*`` endpoints."""
