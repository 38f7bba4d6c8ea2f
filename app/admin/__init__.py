"""User administration for administrators."""
