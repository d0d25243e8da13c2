"""Asset references: files inside the level folder, or engine assets written `assets:...`."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path, PurePosixPath, PureWindowsPath

from escape_game.loading.problems import did_you_mean
from escape_game.resources import ASSETS

ENGINE_PREFIX = "assets:"
#: The engine's own images and fonts, shipped beside the package.
ENGINE_ASSETS = ASSETS


class AssetProblem(ValueError):
    """Why an asset reference cannot be used, in a teacher's words."""

    def __init__(self, message: str, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@cache
def engine_images() -> dict[str, str]:
    """Short names of the engine's images (assets/manifest.json), e.g. 'items/key'."""
    try:
        manifest = json.loads((ENGINE_ASSETS / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    images = manifest.get("images") if isinstance(manifest, dict) else None
    if not isinstance(images, dict):
        return {}
    return {str(k): str(v) for k, v in images.items()}


def resolve_asset(ref: str, level_root: Path) -> Path:
    """The file an asset reference names, checked to stay inside its folder.

    `assets:images/items/key.png` (a path) and `assets:items/key` (a name from the engine's
    manifest) both name an engine image; anything else is relative to the level folder.
    """
    if ref.startswith(ENGINE_PREFIX):
        base = ENGINE_ASSETS
        rel = ref[len(ENGINE_PREFIX):]
        rel = engine_images().get(rel, rel)
        where = "the engine's assets folder"
    else:
        base = level_root
        rel = ref
        where = "the level folder"
    if not rel.isprintable():
        raise AssetProblem(f"the path {ref!r} contains invisible characters", "asset_path")
    if "\\" in rel:
        raise AssetProblem(f"the path '{ref}' uses '\\'; write paths with '/'", "asset_path")
    if PurePosixPath(rel).is_absolute() or PureWindowsPath(rel).drive:
        raise AssetProblem(f"the path '{ref}' is absolute; write it relative to {where} "
                           "so the level works on other computers", "asset_absolute")
    if ".." in PurePosixPath(rel).parts:
        raise AssetProblem(f"the path '{ref}' goes up with '..' out of {where}; "
                           "copy the file into the level folder instead", "asset_escape")
    try:
        base = base.resolve()
        target = base / rel
        resolved = target.resolve()
        inside = resolved.is_relative_to(base)
        exists = inside and resolved.is_file()
    except (OSError, RuntimeError, ValueError) as exc:
        raise AssetProblem(f"the path '{ref}' cannot be followed ({exc})", "asset_path") from None
    if not inside:
        raise AssetProblem(f"the path '{ref}' is a link that leads out of {where}; "
                           "copy the file into the level folder instead", "asset_escape")
    if not exists:
        hint = ""
        try:
            if target.parent.is_dir():
                names = sorted(p.name for p in target.parent.iterdir() if p.is_file())
                hint = did_you_mean(target.name, names)
        except OSError:
            pass
        raise AssetProblem(f"the file '{ref}' does not exist in {where}{hint}", "asset_missing")
    return resolved
