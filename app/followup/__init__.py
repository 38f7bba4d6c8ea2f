"""Follow-up cadence: the rules as data, the pure calculation and the stored next date."""
