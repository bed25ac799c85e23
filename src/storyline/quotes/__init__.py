"""Quotes and attributions: direct, partial and indirect, with their speakers."""
