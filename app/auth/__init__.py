"""Accounts: login, logout, sessions and API tokens."""
