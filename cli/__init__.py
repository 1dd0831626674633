"""The `missions` command line: thin commands over the MissionTracker."""
