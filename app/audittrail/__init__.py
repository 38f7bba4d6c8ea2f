"""The audit trail for leaders and administrators: read, filter, export as CSV, purge."""
