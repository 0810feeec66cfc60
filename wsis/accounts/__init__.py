"""Accounts: roles, API tokens and membership invitations (the rest of the core is in wsis/)."""
