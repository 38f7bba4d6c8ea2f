"""A case's meetings: planned, held, minutes, agreements that flow into the plans."""
