"""durable-rules, the only package that imports it: session driver, fact encoder, session budget."""
