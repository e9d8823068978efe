"""Write the JSON Schema of record files, derived from the record parsers.

usage: python scripts/record_schema.py > schemas/govorg-record.schema.json

The parsers are watched as they read the sample data, the test fixtures and
tests/record_kinds/ (a tiny example of every kind of mapping, so that each has its definition
whether or not a sample uses it; tests/test_record_kinds.py checks each validates and a wrong
one fails); tests/test_editing.py keeps the committed schema equal to this output.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from govorg.recordschema import record_schema

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = [ROOT / "data", ROOT / "tests" / "fixtures", ROOT / "tests" / "record_kinds"]


def render() -> str:
    return json.dumps(record_schema(EXAMPLES), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
