"""The storyline command line."""
