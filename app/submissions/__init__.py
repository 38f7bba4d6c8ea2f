"""Filled forms: on a case (scope case) or as municipal documents (scope municipality)."""
