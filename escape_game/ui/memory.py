"""Give freed surfaces' memory back to the system (glibc), so a long game does not grow.

Pixel buffers are large and short-lived (a page laid out, a picture scaled, a paragraph
rendered). glibc raises its mmap threshold after the first such buffer is freed, and later
ones then come from the heap, where freed blocks stay with the process: resident memory only
grows over a play-through. Fixing the threshold keeps large buffers in their own mappings,
returned when freed. Elsewhere (macOS, Windows, musl) this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import sys

log = logging.getLogger(__name__)
M_MMAP_THRESHOLD = -3  # from glibc's malloc.h
THRESHOLD = 128 * 1024
_done = False


def return_large_buffers() -> bool:
    """True when the allocator now returns large buffers when they are freed."""
    global _done
    if _done or not sys.platform.startswith("linux"):
        return _done
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # not glibc
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    _done = bool(mallopt(M_MMAP_THRESHOLD, THRESHOLD))
    if not _done:
        log.info("mallopt refused the mmap threshold; memory use may grow while playing")
    return _done
