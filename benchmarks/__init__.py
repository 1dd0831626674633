"""The speed and memory figures of docs/performance.md: `run.py` runs them all."""
