"""hosei (法制): a toolkit for Japanese legislative drafting over e-Gov standard law XML."""

__version__ = "0.1.0"
