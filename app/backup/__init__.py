"""Backup and restore of a whole installation (`enindgang export` / `enindgang import`)."""
