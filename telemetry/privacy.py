"""A player's rights over their data: a copy of everything (access) and erasure (delete).

Erasure leaves a tombstone: the SHA-256 of the player code (never the code itself) appended
to ``tombstones.txt`` in the data folder, so a later import of a copy of the same sessions
(a USB stick collected before the request, say) can refuse them. The tombstone is written and
synced before any file is removed, so an interrupted erasure still refuses the player's data.
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from telemetry.reader import read_header, session_paths

TOMBSTONES = "tombstones.txt"
TOMBSTONE_HEADER = "# escape-game tombstones v1: sha256(player code) TAB erased-at (UTC)\n"


def code_hash(code: str) -> str:
    """The hex SHA-256 of the code's UTF-8 bytes: lets tools refuse a player without naming them."""
    return hashlib.sha256(code.encode("utf-8")).hexdigest()


def player_sessions(folder: Path, code: str) -> list[Path]:
    """Session files anywhere under ``folder`` whose header names ``code``."""
    found = []
    for path in session_paths(folder):
        header = read_header(path)
        if header is not None and header.player == code:
            found.append(path)
    return found


def unattributed_sessions(folder: Path) -> list[Path]:
    """Session files whose header cannot be read: they may belong to anyone (report them)."""
    return [path for path in session_paths(folder) if read_header(path) is None]


def export_player(folder: Path, code: str, out: BinaryIO | Path) -> int:
    """Write every record of the player: a zip of their files if ``out`` ends in .zip, else
    their files' lines concatenated (JSON Lines, each file's header first). Returns the count
    of session files."""
    paths = player_sessions(folder, code)
    if isinstance(out, Path) and out.suffix == ".zip":
        with zipfile.ZipFile(out, "x", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in paths:
                # The path below the folder: two machines' copies of one session keep apart.
                archive.write(path, arcname=path.relative_to(folder).as_posix())
        return len(paths)
    if isinstance(out, Path):
        with out.open("xb") as handle:
            _concatenate(paths, handle)
    else:
        _concatenate(paths, out)
    return len(paths)


def _concatenate(paths: list[Path], out: BinaryIO) -> None:
    for path in paths:
        data = path.read_bytes()
        if data and not data.endswith(b"\n"):
            data += b"\n"  # a torn last line stays recognisable: it is still one line
        out.write(data)


@dataclass(frozen=True, slots=True)
class Erasure:
    removed: list[Path]
    tombstone: str


def erase_player(folder: Path, code: str) -> Erasure:
    """Tombstone the code's hash (synced), then remove each of the player's session files
    anywhere under the folder. The tombstone goes in the top folder, which ingest reads
    wherever the folder is later copied or merged."""
    paths = player_sessions(folder, code)
    digest = code_hash(code)
    folder.mkdir(parents=True, exist_ok=True)
    add_tombstone(folder, digest)
    for path in paths:
        path.unlink()
    for parent in sorted({path.parent for path in paths} | {folder}):
        _sync_dir(parent)
    return Erasure(removed=paths, tombstone=digest)


def add_tombstone(folder: Path, digest: str) -> None:
    path = folder / TOMBSTONES
    if digest in read_tombstones(folder):
        return
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        if os.fstat(fd).st_size == 0:
            os.write(fd, TOMBSTONE_HEADER.encode())
        stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        os.write(fd, f"{digest}\t{stamp}\n".encode())
        os.fsync(fd)
    finally:
        os.close(fd)


def parse_tombstones(text: str) -> set[str]:
    """The first field of each line is a sha256 hex; the rest (the erasure time) is ignored,
    and ``#`` starts a comment."""
    hashes: set[str] = set()
    for raw in text.splitlines():
        fields = raw.split("#", 1)[0].split()
        if fields:
            hashes.add(fields[0].lower())
    return hashes


def read_tombstones(folder: Path, *, anywhere: bool = False) -> set[str]:
    """Hashes of erased codes in ``folder/tombstones.txt``; with ``anywhere``, in every copy
    below the folder too (a folder gathered from several machines holds several)."""
    paths = sorted(folder.rglob(TOMBSTONES)) if anywhere else [folder / TOMBSTONES]
    hashes: set[str] = set()
    for path in paths:
        if path.exists():
            hashes |= parse_tombstones(path.read_text(encoding="utf-8"))
    return hashes


def _sync_dir(folder: Path) -> None:
    """Make the removals durable too (POSIX; a no-op where directories cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
