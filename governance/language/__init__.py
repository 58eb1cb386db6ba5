"""The rule language: rule and pack documents, the facts rules match, expressions, parameters.

Reading a rule or pack file gives a document model (`models`, read by `reading`); its conditions
are parsed into the expression tree of `ir` by `expr`, against the fact types of `facts`. The
compiled form (`ir.CompiledPack`) is what `governance.compile` produces and every evaluator reads.
"""
