"""govorg: an organisational registry of appointments, portfolios and committees.

    >>> from govorg import Registry
    >>> registry = Registry.load("data")            # doctest: +SKIP
    >>> registry.holders("区房管局", "副局长", on=date(2021, 7, 1))  # doctest: +SKIP

The pipeline, one module per stage: yamlio -> records -> loader -> validate -> graph -> registry,
with api/, cli and sql/ on top.
"""

from govorg.dates import DateWindow, parse_date
from govorg.docnumbers import parse_document_number
from govorg.registry import Holding, Info, Registry, RegistryError
from govorg.tenures import Certainty, Tenure

__all__ = [
    "Certainty",
    "DateWindow",
    "Holding",
    "Info",
    "Registry",
    "RegistryError",
    "Tenure",
    "parse_date",
    "parse_document_number",
]
