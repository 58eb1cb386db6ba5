"""Running: evaluators find the matches of compiled rules over normalised facts, stratum by stratum.

`durable` drives durable-rules (the only package that imports it) through crash- and
hang-tolerant workers (`workers`); `oracle` is the pure-Python interpreter every result is held
to. `evaluate` runs a pack's strata and feeds each stratum's matches to the next as facts.
"""
