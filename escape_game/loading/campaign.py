"""load_campaign: files -> plain data -> models -> merged campaign -> cross-checked level."""

from __future__ import annotations

import gc
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel, ValidationError

from escape_game.loading.accidents import cut_by_comments
from escape_game.loading.assets import AssetProblem, resolve_asset
from escape_game.loading.locate import find_node, node_position, source_text
from escape_game.loading.messages import MAX_PROBLEMS, RawProblem, translate
from escape_game.loading.problems import LevelError, Location, Problem, did_you_mean
from escape_game.loading.references import cross_check
from escape_game.loading.safe_yaml import Limits, ParsedFile, parse_yaml, read_yaml
from escape_game.loading.spelling import (
    OLD_KEY,
    KeySpelling,
    find_spellings,
    old_key_message,
    respell,
)
from escape_game.loading.walk import Located, all_models, plan_of
from escape_game.model import Campaign, Entity, Fragment
from escape_game.model.base import PathPart

ROOT_FILE = "campaign.yaml"
#: What a level written inline is called in its problems (a file in no folder of its own).
INLINE = Path("<inline>") / ROOT_FILE
#: Lists a fragment file may add to; their entries keep a note of the file they came from.
COLLECTIONS = ("rooms", "items", "risks", "concepts", "quiz_forms")


@dataclass
class _Files:
    """The parsed files of a level and where each merged list entry came from."""

    parsed: list[ParsedFile] = field(default_factory=list)
    origins: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    def problem(self, raw: RawProblem, file_index: int | None = None) -> Problem:
        path = raw.path
        index = 0
        if file_index is not None:
            index = file_index
        elif len(path) >= 2 and path[0] in self.origins and isinstance(path[1], int):
            spots = self.origins[str(path[0])]
            if 0 <= path[1] < len(spots):
                index, local = spots[path[1]]
                path = (path[0], local, *path[2:])
        parsed = self.parsed[index]
        node = find_node(parsed.root_node(), path, raw.where)
        line, column = node_position(node)
        if raw.severity == "warning":
            return Problem(parsed.path, line, column, "warning", raw.message, raw.code)
        return Problem(parsed.path, line, column, "error", raw.message, raw.code)


@dataclass
class LoadedCampaign:
    """A level that passed every check; warnings are kept for the teacher to read."""

    campaign: Campaign
    root: Path
    files: tuple[Path, ...]
    content_hash: str
    warnings: list[Problem]
    _files: _Files
    _entities: dict[str, tuple[PathPart, ...]] | None = None

    def locate(self, path: tuple[PathPart, ...], file: Path | None = None) -> Location:
        """The file, line and column that wrote the value at `path` (merged-campaign path
        unless `file` names the file the path belongs to)."""
        index = None
        if file is not None:
            wanted = Path(file).resolve()
            index = next((i for i, p in enumerate(self._files.parsed)
                          if p.path.resolve() == wanted), None)
        problem = self._files.problem(RawProblem(path, "value", "", ""), index)
        return Location(problem.file, problem.line, problem.column)

    def locate_entity(self, entity_id: str) -> Location:
        """Where the mapping of the entity with this id starts (rooms first if ids clash)."""
        if self._entities is None:
            self._entities = {}
            for path, model in all_models(self.campaign):
                if isinstance(model, Entity):
                    self._entities.setdefault(model.id, path)
        found = self._entities.get(entity_id)
        if found is None:
            raise KeyError(entity_id)
        return self.locate(found)

    def file_line(self, where: Location) -> str:
        """The text of the line a location points at (to quote it under a message)."""
        for parsed in self._files.parsed:
            if parsed.path == where.file:
                lines = parsed.text.splitlines()
                return lines[where.line - 1] if 0 < where.line <= len(lines) else ""
        return ""

    def spellings(self) -> list[tuple[Path, str, list[KeySpelling]]]:
        """Each file of the level, its text as read and the renamed keys it writes (what
        `escape-game upgrade` rewrites)."""
        return [(p.path, p.text, list(p.spellings)) for p in self._files.parsed]

    def resolve_asset(self, ref: str) -> Path:
        """The checked file an `image:` or `background:` names."""
        try:
            return resolve_asset(ref, self.root)
        except AssetProblem as exc:
            raise LevelError([Problem(self.files[0], 1, 1, "error", exc.message, exc.code)]
                             ) from None


def _find_root_file(path: Path) -> Path | Problem:
    try:
        return _root_file_in(path)
    except (OSError, ValueError, RuntimeError) as exc:  # RuntimeError: a loop of links
        return Problem(path, 1, 1, "error", f"cannot open this path ({exc})", "not_found")


def _root_file_in(path: Path) -> Path | Problem:
    if path.is_dir():
        candidate = path / ROOT_FILE
        if not candidate.is_file():
            return Problem(path, 1, 1, "error", f"this folder has no {ROOT_FILE}", "no_campaign")
        return confined_root(candidate)
    if not path.exists() and not path.is_symlink():
        return Problem(path, 1, 1, "error", "no such file or folder", "not_found")
    return confined_root(path)


def confined_root(path: Path) -> Path | Problem:
    """The root file, refused when it is a link leading out of its folder or not a plain file.

    Like assets and includes: a level is its folder, so a `campaign.yaml` linked to a file
    elsewhere (say /etc/passwd) is never read, and nothing of the target is shown.
    """
    folder = path.parent.resolve()
    target = path.resolve()
    if not target.is_relative_to(folder):
        return Problem(path, 1, 1, "error", f"'{path.name}' is a link that leads out of the "
                       "level folder; copy the file into the folder instead", "root_link")
    if not target.is_file():
        return Problem(path, 1, 1, "error", f"'{path.name}' is not a plain file (a link that "
                       "leads nowhere, a device or a pipe)", "not_found")
    return path


def _validate(parsed: ParsedFile, model: type[BaseModel], root_name: str) -> BaseModel | None:
    try:
        return model.model_validate(parsed.data)
    except ValidationError as exc:
        count = exc.error_count()
        errors = exc.errors(include_url=False)[:MAX_PROBLEMS]
    node = parsed.root_node()  # composed again only now, with the exception freed

    def source(path: tuple[PathPart, ...]) -> str | None:
        return source_text(find_node(node, path)) if path else None

    for raw in translate(errors, model, parsed.data, source, root_name):
        found = find_node(node, raw.path, raw.where)
        line, column = node_position(found)
        parsed.problems.append(Problem(parsed.path, line, column, "error", raw.message,
                                       raw.code))
    if count > MAX_PROBLEMS:
        parsed.problems.append(Problem(
            parsed.path, 1, 1, "error", f"{count - MAX_PROBLEMS} more problems in this file "
            f"are not listed (only the first {MAX_PROBLEMS} are); correct these first",
            "too_many_problems"))
    return None


def _note_cut_texts(parsed: ParsedFile) -> None:
    """Warn at each text a ' #' cut short: it loads, but not as the teacher wrote it."""
    for cut in cut_by_comments(parsed.text)[:MAX_PROBLEMS]:
        parsed.problems.append(Problem(parsed.path, cut.line, cut.column, "warning",
                                       cut.message, cut.code))


def _note_spellings(parsed: ParsedFile, models: list[Located], level: Path) -> None:
    """Find the renamed keys the file writes; an old spelling is a warning, not an error."""
    parsed.spellings = find_spellings(models, parsed.data, parsed.key_spots, parsed.text)
    parsed.key_spots = {}
    for spelling in parsed.spellings:
        if spelling.is_old:
            parsed.problems.append(Problem(
                parsed.path, spelling.spot.line, spelling.spot.column, "warning",
                old_key_message(spelling, str(level)), OLD_KEY))


#: how many files of a level folder are compared with a misspelt include
_NEAR_FILES = 500


def _missing_include_hint(folder: Path, ref: str) -> str:
    """Why an included file is not there: two paths joined by a forgotten '- ', or a near
    miss among the level's YAML files; '' when neither fits."""
    parts = ref.split()
    try:
        if len(parts) > 1 and all((folder / part).is_file() for part in parts):
            return (": a '- ' is probably missing, so YAML joined two lines of the list into "
                    f"one path; start each file on its own line with '- ', like '- {parts[-1]}'")
        found: list[str] = []
        for path in folder.rglob("*.y*ml"):
            found.append(path.relative_to(folder).as_posix())
            if len(found) >= _NEAR_FILES:
                break
    except (OSError, ValueError):
        return ""
    hint = did_you_mean(ref, found)
    return hint or f"; check its name and folder, written from the folder of {ROOT_FILE}"


def _include_paths(root: ParsedFile, limits: Limits, files: _Files) -> list[tuple[Path, int]]:
    """The included files, each checked to be a relative path inside the level folder."""
    data = root.data if isinstance(root.data, dict) else {}
    includes = data.get("include") or []
    if not isinstance(includes, list):
        return []
    folder = root.path.parent.resolve()
    result: list[tuple[Path, int]] = []
    seen: set[Path] = set()

    def complain(i: int, message: str, code: str) -> None:
        root.problems.append(files.problem(RawProblem(("include", i), "value", message, code), 0))

    for i, ref in enumerate(includes):
        if not isinstance(ref, str) or not ref:
            continue
        if len(result) >= limits.max_files:
            complain(i, f"too many included files (the limit is {limits.max_files})",
                     "too_many_files")
            break
        rel = PurePosixPath(ref)
        if rel.is_absolute() or ".." in rel.parts or "\\" in ref or not ref.isprintable():
            complain(i, f"{ref!r} must be a path inside the level folder, relative to "
                     f"{ROOT_FILE}, written with '/'", "include_path")
            continue
        try:
            target = (folder / rel).resolve()
            if not target.is_relative_to(folder):
                complain(i, f"'{ref}' is a link that leads out of the level folder",
                         "include_path")
                continue
            if not target.is_file():
                complain(i, f"the included file '{ref}' does not exist"
                         f"{_missing_include_hint(folder, ref)}", "include_missing")
                continue
        except (OSError, ValueError, RuntimeError) as exc:  # RuntimeError: a loop of links
            complain(i, f"the included file '{ref}' cannot be opened ({exc})", "include_path")
            continue
        if target in seen or target == root.path.resolve():
            complain(i, f"'{ref}' is included twice", "include_twice")
            continue
        seen.add(target)
        result.append((root.path.parent / rel, i))
    return result


def _merge(campaign: Campaign, fragments: Sequence[Fragment], files: _Files) -> Campaign:
    update: dict[str, Any] = {}
    for key in COLLECTIONS:
        entries = list(getattr(campaign, key))
        files.origins[key] = [(0, i) for i in range(len(entries))]
        for index, fragment in enumerate(fragments, start=1):
            extra = getattr(fragment, key)
            files.origins[key].extend((index, i) for i in range(len(extra)))
            entries.extend(extra)
        update[key] = tuple(entries)
    return campaign.model_copy(update=update)


def _asset_problems(models: list[Located], root: Path) -> list[RawProblem]:
    out: list[RawProblem] = []
    checked: dict[str, AssetProblem | None] = {}
    for path, model in models:
        for key in plan_of(type(model)).assets:
            ref = getattr(model, key)
            if not isinstance(ref, str):
                continue
            if ref not in checked:
                try:
                    resolve_asset(ref, root)
                    checked[ref] = None
                except AssetProblem as exc:
                    checked[ref] = exc
            problem = checked[ref]
            if problem is not None:
                out.append(RawProblem((*path, key), "value", problem.message, problem.code))
    return out


def _hashed_content(item: ParsedFile) -> bytes:
    """The file's text with each renamed key in its first spelling: upgrading a level to the
    new keys keeps its hash, so its saves and research data still match it."""
    if all(s.written == s.old for s in item.spellings):
        return item.normalized
    return respell(item.text, item.spellings, "old").encode("utf-8")


def _hash(root: Path, parsed: Iterable[ParsedFile]) -> str:
    digest = hashlib.sha256()
    for item in parsed:
        try:
            name = item.path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            name = item.path.name
        content = _hashed_content(item)
        digest.update(f"{name}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Parsing builds a large acyclic tree; cyclic GC passes over it would double the cost."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_campaign(path: Path | str, limits: Limits | None = None) -> LoadedCampaign:
    """Load and check a level (a campaign.yaml, or a folder holding one).

    Raises LevelError listing every problem when there is any error; warnings alone are kept
    on the result.
    """
    with _gc_paused():
        return _load(path, limits)


def load_campaign_text(text: str, path: Path | str = INLINE,
                       limits: Limits | None = None) -> LoadedCampaign:
    """Load and check a level written inline, as scenario tests write them.

    The same steps as :func:`load_campaign` (parse, validate, cross-check), with ``text`` as
    the root file; ``path`` names it in problems, and its folder is where includes and the
    level's own pictures would be found.
    """
    with _gc_paused():
        return _load(path, limits, text.encode("utf-8"))


def _load(path: Path | str, limits: Limits | None, source: bytes | None = None
          ) -> LoadedCampaign:
    limits = limits or Limits()
    found = _find_root_file(Path(path)) if source is None else Path(path)
    if isinstance(found, Problem):
        raise LevelError([found])
    files = _Files()
    budget = limits.budget()
    root = (read_yaml(found, limits, budget) if source is None
            else parse_yaml(found, source, limits, budget))
    files.parsed.append(root)
    _note_cut_texts(root)
    campaign: Campaign | None = None
    root_models: list[Located] = []
    # Duplicate keys leave usable data behind: keep checking to report everything at once.
    readable = isinstance(root.data, dict)
    if readable:
        validated = _validate(root, Campaign, "the campaign")
        campaign = validated if isinstance(validated, Campaign) else None
        if campaign is not None:
            root_models = all_models(campaign)
            _note_spellings(root, root_models, found)
    fragments: list[Fragment] = []
    if readable:  # included files are checked even when the root file has mistakes
        for include, _ in _include_paths(root, limits, files):
            parsed = read_yaml(include, limits, budget)
            files.parsed.append(parsed)
            _note_cut_texts(parsed)
            if isinstance(parsed.data, dict):
                fragment = _validate(parsed, Fragment, "this file")
                if isinstance(fragment, Fragment):
                    _note_spellings(parsed, all_models(fragment), found)
                    fragments.append(fragment)
    problems = [p for parsed in files.parsed for p in parsed.problems]
    if campaign is None or any(p.severity == "error" for p in problems) \
            or len(fragments) != len(files.parsed) - 1:
        raise LevelError(problems or [Problem(found, 1, 1, "error", "the level is invalid",
                                              "invalid")])
    merged = _merge(campaign, fragments, files)
    level_root = found.parent

    def where(path: tuple[PathPart, ...]) -> str:
        spot = files.problem(RawProblem(path, "value", "", ""))
        try:
            name = spot.file.resolve().relative_to(level_root.resolve()).as_posix()
        except ValueError:
            name = spot.file.name
        return f"{name}:{spot.line}:{spot.column}"

    # Without includes the merged level holds the root file's very models, at the same
    # paths: its walk is the root file's, from the new top (walking it again took a
    # twentieth of loading a large level).
    models = [((), merged), *root_models[1:]] if not fragments else all_models(merged)
    raws = cross_check(merged, models, where) + _asset_problems(models, level_root)
    problems.extend(files.problem(raw) for raw in raws)
    if any(p.severity == "error" for p in problems):
        raise LevelError(problems)
    for parsed in files.parsed:  # warnings were located: a kept level keeps no node trees
        parsed.forget_nodes()
    return LoadedCampaign(
        campaign=merged,
        root=level_root,
        files=tuple(p.path for p in files.parsed),
        content_hash=_hash(level_root, files.parsed),
        warnings=sorted(problems, key=Problem.sort_key),
        _files=files,
    )
