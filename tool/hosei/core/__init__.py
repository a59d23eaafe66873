"""The core: hardened XML, the law model, citations, numerals, era dates, law numbers, validation, errors. Imports nothing above it."""
