"""Engines that run the per-article stage (local, N processes, Spark) and the build."""
from .build import BuildReport, build, update_corpus

__all__ = ["BuildReport", "build", "update_corpus"]
