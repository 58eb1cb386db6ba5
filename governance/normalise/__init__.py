"""Normalising: a register becomes flat facts as of one day (day numbers, attribution, ties)."""
