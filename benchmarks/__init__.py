"""Benchmarks of the tracker's speed targets: `python benchmarks/run.py`."""
