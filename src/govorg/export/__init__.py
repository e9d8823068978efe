"""Exports: the registry as Popolo JSON, as CSV tables, and as a network for Gephi.

`select` (selection.py) gathers what a scope (a day, a range, or everything) covers: tenures,
committee seats, leadership portfolios, and the people, organisations, posts and documents they
name, each with its certainty over the scope. `popolo`, `tables` and `network` turn that one
selection into plain data; the writers (`popolo_json`, `write_csv`, `graph.network_bytes`) only
serialise it. Everything is sorted and nothing depends on the clock, so the same data gives the
same bytes. docs/exports.md explains how a date known only to a window maps to Popolo's dates.
"""

from govorg.export.network import network
from govorg.export.popolo import export_popolo, popolo, popolo_json
from govorg.export.selection import FORMATS, Scope, Selection, select
from govorg.export.tables import TABLES, csv_text, export_tables, tables, write_csv
from govorg.export.windows import popolo_date, window_json

__all__ = [
    "FORMATS",
    "TABLES",
    "Scope",
    "Selection",
    "csv_text",
    "export_popolo",
    "export_tables",
    "network",
    "popolo",
    "popolo_date",
    "popolo_json",
    "select",
    "tables",
    "window_json",
    "write_csv",
]
