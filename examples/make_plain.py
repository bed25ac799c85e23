"""Regenerate the plain-text twin of the example corpus (one article per line)."""
import json
from pathlib import Path

here = Path(__file__).parent
records = [json.loads(l) for l in (here / "ever_given.jsonl").read_text("utf-8").splitlines() if l.strip()]
(here / "ever_given.txt").write_text("\n".join(r["text"] for r in records) + "\n", encoding="utf-8")
