"""Drafting: ordinance drafts from templates, rosters, precedents, amending ordinances, the synthetic corpus."""
