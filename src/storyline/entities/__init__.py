"""The entity layer ("who"): per-article mentions (``mentions.extract_mentions``),
in-article reference of nominals and pronouns (``anaphora``), cross-article
resolution (``resolve.resolve``), name keys (``names``) and lookup (``query``).
See docs/entities.md."""
