"""``scipy.stats``, imported without the notes SciPy writes into its docstrings at import.

Importing ``scipy.stats`` parses the numpydoc docstring of about 140 of its functions to
append a table of the array libraries each supports (``xp_capabilities``): help text that
no analysis reads, and about a fifth of a second of every report's CPU time. Here the
docstring parser is swapped, for the length of that first import only, for one that hands
each docstring back as it was; every function, value and registry of SciPy is what a
plain import gives, only the help text lacks the table. If SciPy is already imported, or
no longer has that parser, this is a plain import.

Every research module imports SciPy's statistics (directly, or through statsmodels) after
this module, so the first import is this one (``tests/research/test_research_scipy_stats``
checks it in a fresh interpreter).
"""

from __future__ import annotations

import importlib
import sys
from typing import Any


class _DocAsIs:
    """Stands in for ``scipy._lib._docscrape.FunctionDoc`` where SciPy only appends a note:
    no section parsed, the docstring printed back unchanged."""

    def __init__(self, func: Any, *args: Any, **kwargs: Any) -> None:
        self._doc = getattr(func, "__doc__", None) or ""

    def __getitem__(self, section: str) -> list[str]:
        return []  # the note appended here is dropped

    def __str__(self) -> str:
        return "\n" + self._doc  # SciPy cuts the first line (the signature) off


def _import_stats() -> Any:
    if "scipy.stats" not in sys.modules:
        try:
            from scipy._lib import _array_api
        except ImportError:  # pragma: no cover - a SciPy without the module
            _array_api = None
        parser = getattr(_array_api, "FunctionDoc", None)
        if parser is not None:
            _array_api.FunctionDoc = _DocAsIs
            try:
                importlib.import_module("scipy.stats")
            finally:
                _array_api.FunctionDoc = parser
    return importlib.import_module("scipy.stats")


stats = _import_stats()
