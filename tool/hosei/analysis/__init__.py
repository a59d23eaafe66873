"""Analysis: divergence among ordinances and the impact of an amendment of the Act on them."""
