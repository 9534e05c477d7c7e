"""Parallax: put several outlets' coverage of one event side by side, fact by fact."""

__version__ = "0.1.0"
