"""Dokumenter: the municipality's own documents (case-flow template, decision plan) and
"who may grant this?", answered from the decision plan in force."""
