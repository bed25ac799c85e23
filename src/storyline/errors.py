"""The exception tree of storyline.

StorylineError
 ├── InputError            bad input: names the file and the line or record
 │    ├── EmptyInputError  nothing could be read
 │    ├── BinaryInputError the file is not text
 │    ├── EncodingError    the text is not in a known encoding
 │    └── InputTooLarge    over a configured limit
 ├── ModelError            the spaCy pipeline could not be loaded
 ├── StoreError            the store (SQLite file or PostgreSQL database) is unusable or unreachable
 ├── FetchError            a feed or page URL could not (or may not) be fetched
 └── EvalError             an evaluation corpus is missing or malformed
"""
from __future__ import annotations


class StorylineError(Exception):
    """Base of all storyline errors."""


class InputError(StorylineError):
    """A file, line or record could not be read.

    ``path`` and ``line`` (1-based line or record number) say where.
    """

    def __init__(self, message: str, path: str | None = None, line: int | None = None):
        self.path = path
        self.line = line
        where = ""
        if path:
            where = f"{path}:{line}: " if line else f"{path}: "
        super().__init__(f"{where}{message}")
        self.message = message


class EmptyInputError(InputError):
    pass


class SkippedFile(InputError):
    """A file of an input directory that is deliberately not read (a README, a LICENSE)."""


class BinaryInputError(InputError):
    pass


class EncodingError(InputError):
    pass


class InputTooLarge(InputError):
    pass


class ModelError(StorylineError):
    pass


class StoreError(StorylineError):
    pass


class FetchError(StorylineError):
    pass


class EvalError(StorylineError):
    pass
