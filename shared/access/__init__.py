"""Enterprise access control shared by every process that enforces it (issue 16).

- ``snapshot``: the ``AccessRulesChanged`` fact: a company's whole rule set (groups with their
  members, access rules), versioned; identity's permissions room publishes one after every
  change to ``<prefix>cairn.identity.changes`` (keyed by company).
- ``rules``: the decision (pure): which permission a caller has on an entity, given the chain of
  scopes it lives in (the entity, its projects from the nearest up, the entity type's category).
- ``view``: every enforcing process's local copy of the rule sets, built from those facts (no
  RPC per request), and the 403/21 / invalid-id helpers.
"""
