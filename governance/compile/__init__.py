"""Compiling: rule and pack documents become a `CompiledPack` (pure and deterministic).

Every problem of a pack is collected with its file, line and column and raised once. Each rule's
durable-rules JSON is produced here once, as a template in which `as_of` is a substitution.
"""
