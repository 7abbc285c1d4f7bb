"""Use cases of ClearML's ``projects`` service: creation and listing, administration (update, delete), contents and metadata reads, moves and merges, the ``get_all_ex`` views."""
