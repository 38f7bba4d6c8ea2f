"""The SMARTE goal sheet's rules: criteria a final plan needs, and progress readings."""
