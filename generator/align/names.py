"""Aligner stub: to be written (the registry falls back to align_by_key)."""
