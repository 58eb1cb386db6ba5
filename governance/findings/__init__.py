"""Findings: the canonical output record, and how matches become findings."""
