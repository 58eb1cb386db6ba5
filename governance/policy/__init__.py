"""Rules and policy packs: their YAML documents, how they are found and loaded."""
