"""Room ``access``: credentials beyond their creation (expiry, usage bookkeeping, the
Enterprise ``auth.locate_credentials`` / ``auth.set_credentials``)."""
