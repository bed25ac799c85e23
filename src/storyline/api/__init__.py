"""The JSON API over a store (FastAPI)."""
