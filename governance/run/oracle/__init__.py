"""The oracle: a plain-Python interpreter of compiled rules, and the trace `explain` shows."""
