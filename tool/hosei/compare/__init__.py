"""Compare: the diff of two versions, comparison tables (新旧対照表) and their writers, the appendix diff."""
