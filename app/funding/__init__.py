"""Funding split per case: versions, the in-app editor, the Excel workbooks and the portfolio."""
