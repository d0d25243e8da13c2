"""The matplotlib classes the figures use, imported without the property lists matplotlib
writes into docstrings at import.

Defining each of its artist classes (lines, texts, patches, axes...), matplotlib builds the
docstring of the class's ``set()`` method: the list of every property with its accepted
values, parsed out of each setter's docstring (``matplotlib.artist.kwdoc``). Help text no
figure reads, and about a tenth of a second of every report's CPU time. For the length of
the first import of the figure and collection modules, ``kwdoc`` gives an empty list
instead; the classes, their methods, signatures and drawing are what a plain import gives
(tests/research/test_research_matplotlib_artists.py compares the figures' PNG bytes). If
those modules are already imported, this is a plain import.
"""

from __future__ import annotations

from typing import Any

import matplotlib.artist as _artist


def _no_property_list(artist: Any) -> str:
    return ""


_kwdoc = _artist.kwdoc
_artist.kwdoc = _no_property_list
try:
    from matplotlib.collections import LineCollection
    from matplotlib.figure import Figure
finally:
    _artist.kwdoc = _kwdoc

__all__ = ["Figure", "LineCollection"]
