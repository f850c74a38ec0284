"""The version of this dxpy distribution (read by setup.py and the User-Agent)."""

__version__ = "0.1.0"
