"""Benchmarks and evaluations of riskrad (not shipped): run as scripts, imported by tests."""
