"""Family links and the contact agreement: the family's own way into its case."""
