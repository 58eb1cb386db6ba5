"""The engine: normalised facts, compiled packs, and the evaluators that run them."""
