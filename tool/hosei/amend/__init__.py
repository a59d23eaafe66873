"""Amend: 改め文 read and applied, generated from a diff and checked by applying it back; knock-on; the corpus sweep."""
