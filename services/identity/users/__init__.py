"""The users room of identity: people of a company, their profiles, roles and preferences
(``users.*`` and the user part of ``auth.*``). Passwords and login live in ``login/``."""
