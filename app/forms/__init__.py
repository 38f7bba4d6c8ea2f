"""The form designer ("Formularer"): municipal versions of form definitions, in the browser."""
