"""The case's phases in its case-flow template: step indicator, moving on, the timeline."""
