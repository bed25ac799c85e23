"""storyline: a source-grounded picture of a developing news story.

Public surface (see ``storyline.library``): ``build``, ``load``, ``brief``,
``export_document``, ``json_schema``, ``Settings`` and the records in
``storyline.records``.
"""
__version__ = "0.1.0"

from .library import (BuildReport, Results, Settings, StorylineError, brief, build,  # noqa: E402
                      export_document, json_schema, load, recompute)

__all__ = ["BuildReport", "Results", "Settings", "StorylineError", "brief", "build",
           "export_document", "json_schema", "load", "recompute", "__version__"]
