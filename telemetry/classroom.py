"""Which class and school a computer plays for: set by the teacher, recorded in each header.

The ids come from ``escape-game play --class 4B --school S01`` or from a small classroom file
the teacher copies onto every machine (``--classroom classroom.yaml``)::

    class: 4B
    school: S01

A flag wins over the file. The ids are short tokens (see :data:`telemetry.records.GroupId`),
so a study can nest pupils in classes without any name reaching the session files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from telemetry.records import GroupId

_GROUP: TypeAdapter[str] = TypeAdapter(GroupId)
ID_RULE = "1 to 16 letters, digits, '.', '_' or '-', starting with a letter or a digit"


class ClassroomError(ValueError):
    """A class or school id, or a classroom file, that cannot be used (the message says why)."""


class _ClassroomFile(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    class_id: str | None = Field(default=None, alias="class")
    school_id: str | None = Field(default=None, alias="school")


@dataclass(frozen=True, slots=True)
class Classroom:
    class_id: str | None = None
    school_id: str | None = None


def check_id(value: str, what: str) -> str:
    """The id unchanged, or a ClassroomError naming the rule it breaks."""
    try:
        return _GROUP.validate_python(value)
    except ValidationError:
        raise ClassroomError(f"{what} id {value!r} is not usable: use {ID_RULE} "
                             "(an id such as 4B or S01, never a name)") from None


def read_classroom_file(path: Path) -> Classroom:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise ClassroomError(f"{path}: cannot read the classroom file "
                             f"({error.strerror or error})") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        raise ClassroomError(f"{path}{where}: not valid YAML") from None
    try:
        parsed = _ClassroomFile.model_validate(data or {})
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise ClassroomError(f"{path}: {where}: {first['msg']} (a classroom file holds "
                             "only 'class:' and 'school:')") from None
    return classroom(parsed.class_id, parsed.school_id, where=str(path))


def classroom(class_id: str | None, school_id: str | None, where: str = "") -> Classroom:
    prefix = f"{where}: " if where else ""
    try:
        return Classroom(
            class_id=check_id(class_id, "class") if class_id is not None else None,
            school_id=check_id(school_id, "school") if school_id is not None else None)
    except ClassroomError as error:
        raise ClassroomError(prefix + str(error)) from None


def resolve(class_id: str | None, school_id: str | None, path: Path | None) -> Classroom:
    """Flags over the file: what the session headers of this run will carry."""
    base = read_classroom_file(path) if path is not None else Classroom()
    flags = classroom(class_id, school_id)
    return Classroom(class_id=flags.class_id or base.class_id,
                     school_id=flags.school_id or base.school_id)
