"""Cross-reference checks on a validated campaign: every name used must be declared somewhere."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel

from escape_game.loading.messages import RawProblem
from escape_game.loading.problems import did_you_mean, quoted
from escape_game.loading.walk import Located, all_models, plan_of
from escape_game.model import (
    Campaign,
    Endings,
    Entity,
    Exclusion,
    Exit,
    GameObject,
    Item,
    ItemUse,
    KnowledgeItem,
    LikertItem,
    Potion,
    QuizForm,
    Risk,
    Room,
    Story,
    Threat,
)
from escape_game.model import Concept as ConceptModel
from escape_game.model.base import PathPart
from escape_game.model.conditions import HasFlag, HasItem, OwnsPotion, Solved, Visited
from escape_game.model.effects import (
    GiveItem,
    GoTo,
    RemoveItem,
    SetFlag,
    TriggerThreat,
    UnlockExit,
)
from escape_game.model.puzzles import PUZZLE_MODELS, PuzzleBase
from escape_game.model.story import STORY_TEXT_LIMIT

Path_ = tuple[PathPart, ...]

#: Entity classes -> the kind name used in messages and in the per-kind id tables.
KINDS: dict[type[BaseModel], str] = {
    Room: "room", Item: "item", Risk: "risk category", ConceptModel: "concept",
    QuizForm: "quiz form", GameObject: "object", Exit: "exit", Potion: "potion",
    Threat: "threat",
}
#: References held by one-key conditions and effects: class -> (attribute, kind).
REFERENCES: dict[type[BaseModel], tuple[str, str]] = {
    HasItem: ("has_item", "item"), GiveItem: ("give_item", "item"),
    RemoveItem: ("remove_item", "item"), Solved: ("solved", "puzzle"),
    Visited: ("visited", "room"), GoTo: ("go_to", "room"), OwnsPotion: ("owns_potion", "potion"),
    UnlockExit: ("unlock_exit", "exit"), TriggerThreat: ("trigger_threat", "threat"),
}


def _where(path: Path_) -> str:
    return "/".join(str(p) for p in path)


@dataclass
class _Index:
    where: Callable[[Path_], str] = _where
    ids: dict[str, dict[str, Path_]] = field(default_factory=dict)
    used: dict[str, set[str]] = field(default_factory=dict)

    def declare(self, kind: str, entity_id: str, path: Path_, out: list[RawProblem]) -> None:
        table = self.ids.setdefault(kind, {})
        if entity_id in table:
            first = table[entity_id]
            out.append(RawProblem((*path, "id"), "value",
                                  f"the {kind} id '{entity_id}' is used twice (ids must be unique "
                                  f"in the whole level; the first one is at {self.where(first)})",
                                  "duplicate_id"))
            return
        table[entity_id] = path

    def use(self, kind: str, entity_id: str) -> None:
        self.used.setdefault(kind, set()).add(entity_id)


class CrossCheck:
    """Collects declarations in one walk, then checks each reference against them."""

    def __init__(self, campaign: Campaign, models: list[Located],
                 where: Callable[[Path_], str] = _where) -> None:
        self.campaign = campaign
        self.models = models
        self.index = _Index(where)
        self.problems: list[RawProblem] = []
        self.flags_set: set[str] = set()
        self.flag_tests: list[tuple[Path_, str]] = []
        self.refs: list[tuple[Path_, str, str]] = []
        self.declared = list(campaign.languages)
        self._declared_set = frozenset(self.declared)

    def run(self) -> list[RawProblem]:
        self._declare()
        for path, model in self.models:
            cls = type(model)
            plan = plan_of(cls)
            if cls in _CHECKED:
                self._collect(path, model)
            if plan.concept_tags:
                self._refs(path, "concepts", "concept", model.concepts)  # type: ignore[attr-defined]
            for name, key in plan.texts:
                text = getattr(model, name)
                if isinstance(text, dict):
                    self._languages(path, key, text)
        for path, kind, ref in self.refs:
            self._check_ref(path, kind, ref)
        for path, flag in self.flag_tests:
            if flag not in self.flags_set:
                self._warn(path, f"the flag '{flag}' is tested but never set by any 'set_flag'"
                           f"{did_you_mean(flag, self.flags_set)}", "flag_never_set")
        self._unused()
        return self.problems

    # -- declarations -------------------------------------------------------------------------
    def _declare(self) -> None:
        for path, model in self.models:
            kind = KINDS.get(type(model))
            if kind is None and path and isinstance(model, Entity) and "puzzles" in path[-2:]:
                kind = "puzzle"
            if kind is None and isinstance(model, Entity) and len(path) >= 4 \
                    and path[-2] == "items" and path[0] == "quiz_forms":
                kind = "quiz item"
            if kind is not None and isinstance(model, Entity):
                self.index.declare(kind, model.id, path, self.problems)

    # -- references ---------------------------------------------------------------------------
    def refer(self, path: Path_, kind: str, ref: str) -> None:
        self.refs.append((path, kind, ref))

    def _check_ref(self, path: Path_, kind: str, ref: str) -> None:
        self.index.use(kind, ref)
        known = self.index.ids.get(kind, {})
        if ref in known:
            return
        hint = did_you_mean(ref, known)
        if not hint and known and len(known) <= 12:
            hint = f" (the {kind} ids are {quoted(sorted(known))})"
        if not known:
            hint = f" (this level declares no {kind} yet)"
        self.problems.append(RawProblem(path, "value", f"unknown {kind} '{ref}'{hint}",
                                        f"unknown_{kind.replace(' ', '_')}"))

    def _warn(self, path: Path_, message: str, code: str) -> None:
        self.problems.append(RawProblem(path, "value", message, code, "warning"))

    def error(self, path: Path_, message: str, code: str, *, on_key: bool = False) -> None:
        self.problems.append(RawProblem(path, "key" if on_key else "value", message, code))

    def _refs(self, path: Path_, key: str, kind: str, ids: Iterable[str]) -> None:
        for i, ref in enumerate(ids):
            self.refer((*path, key, i), kind, ref)

    def _collect(self, path: Path_, model: BaseModel) -> None:
        ref = REFERENCES.get(type(model))
        if ref is not None:
            attr, kind = ref
            self.refer((*path, attr), kind, getattr(model, attr))
        elif isinstance(model, HasFlag):
            self.flag_tests.append(((*path, "has_flag"), model.has_flag))
        elif isinstance(model, SetFlag):
            self.flags_set.add(model.set_flag)
        elif isinstance(model, Campaign):
            self.refer((*path, "start", "room"), "room", model.start.room)
            self._refs((*path, "start"), "items", "item", model.start.items)
            if model.quizzes is not None:
                self.refer((*path, "quizzes", "pre"), "quiz form", model.quizzes.pre)
                self.refer((*path, "quizzes", "post"), "quiz form", model.quizzes.post)
                self._parallel_forms((*path, "quizzes"), model)
        elif isinstance(model, Exit):
            self.refer((*path, "to"), "room", model.to)
        elif isinstance(model, GameObject):
            if model.take is not None:
                self.refer((*path, "take"), "item", model.take)
            if model.puzzle is not None:
                self.refer((*path, "puzzle"), "puzzle", model.puzzle)
        elif isinstance(model, ItemUse):
            self.refer((*path, "item"), "item", model.item)
        elif isinstance(model, Potion):
            self._refs(path, "covers", "risk category", model.covers)
        elif isinstance(model, Exclusion):
            self._refs(path, "threats", "threat", model.threats)
            self._refs(path, "categories", "risk category", model.categories)
        elif isinstance(model, Threat):
            self.refer((*path, "category"), "risk category", model.category)
        elif isinstance(model, KnowledgeItem):
            self.refer((*path, "concept"), "concept", model.concept)
            self.unique(path, "options", [o.id for o in model.options])
            self.one_of(path, "answer", model.answer, [o.id for o in model.options])
        elif isinstance(model, PuzzleBase):
            model.check_data(path, self)
        elif isinstance(model, LikertItem) and model.concept is not None:
            self.refer((*path, "concept"), "concept", model.concept)
        elif isinstance(model, Story | Endings):
            self._story_lengths(path, model)

    # -- what a puzzle kind uses to check its own data (model.puzzles.DataChecks) -------------
    def quoted(self, names: Iterable[object]) -> str:
        return quoted(names)

    def did_you_mean(self, word: str, choices: Iterable[str]) -> str:
        return did_you_mean(word, choices)

    def one_of(self, path: Path_, key: PathPart, answer: str, options: Sequence[str],
               noun: str = "options") -> None:
        if answer not in options:
            self.error((*path, key), f"the answer '{answer}' is not one of the {noun} "
                       f"({quoted(options)}){did_you_mean(answer, options)}", "bad_answer")

    def unique(self, path: Path_, key: str, ids: Sequence[str]) -> None:
        seen: set[str] = set()
        for i, option in enumerate(ids):
            if option in seen:
                self.error((*path, key, i, "id"), f"the option id '{option}' is used twice "
                           "in this puzzle", "duplicate_id")
            seen.add(option)

    def _story_lengths(self, path: Path_, model: Story | Endings) -> None:
        """Story texts are read on one screen before anything else: keep each one short."""
        for key in ("intro", "escaped", "out_of_time", "exhausted"):
            text = getattr(model, key, None)
            versions = text.items() if isinstance(text, dict) else [(None, text)]
            for lang, version in versions:
                if isinstance(version, str) and len(version) > STORY_TEXT_LIMIT:
                    where = (*path, key) if lang is None else (*path, key, lang)
                    self._warn(where, f"this story text is {len(version)} characters long; "
                               f"keep it under {STORY_TEXT_LIMIT} so it fits one screen at the "
                               "largest text size", "story_too_long")

    # -- languages and unused declarations ----------------------------------------------------
    def _languages(self, path: Path_, key: str, text: dict[str, str]) -> None:
        if text.keys() == self._declared_set:  # every text of a finished level
            return
        declared = self.declared
        missing = [lang for lang in declared if lang not in text]
        if missing:
            self.error((*path, key), f"'{key}' has no {quoted(missing, 'and')} text (the "
                       f"level declares the languages {quoted(declared, 'and')})",
                       "missing_language")
        for lang in text:
            if lang not in declared:
                self.problems.append(RawProblem(
                    (*path, key, lang), "key",
                    f"'{lang}' is not one of the level's languages "
                    f"({quoted(declared, 'and')}); add it to 'languages' or remove this text"
                    f"{did_you_mean(lang, declared)}", "undeclared_language", "warning"))

    def _parallel_forms(self, path: Path_, campaign: Campaign) -> None:
        """A gain per concept needs the pre and the post form to measure the same concepts."""
        assert campaign.quizzes is not None
        forms = {form.id: form for form in campaign.quiz_forms}
        pre, post = forms.get(campaign.quizzes.pre), forms.get(campaign.quizzes.post)
        if pre is None or post is None or pre.id == post.id:
            return

        def measured(form: QuizForm) -> set[str]:
            return {item.concept for item in form.items if isinstance(item, KnowledgeItem)}

        for form, other in ((pre, post), (post, pre)):
            missing = sorted(measured(form) - measured(other))
            if missing:
                self._warn((*path, "post" if other is post else "pre"),
                           f"the quiz form '{form.id}' measures {quoted(missing, 'and')} but "
                           f"'{other.id}' does not: a gain per concept needs both forms to "
                           f"ask about it", "forms_not_parallel")

    def _unused(self) -> None:
        for kind in ("item", "concept"):
            used = self.index.used.get(kind, set())
            for entity_id, path in self.index.ids.get(kind, {}).items():
                if entity_id not in used:
                    self._warn((*path, "id"),
                               f"the {kind} '{entity_id}' is declared but never used",
                               f"unused_{kind}")


_CHECKED = frozenset({
    *REFERENCES, HasFlag, SetFlag, Campaign, Exit, GameObject, ItemUse, Potion, Exclusion,
    Threat, KnowledgeItem, LikertItem, *PUZZLE_MODELS.values(), Story, Endings,
})


def cross_check(campaign: Campaign, models: list[Located] | None = None,
                where: Callable[[Path_], str] = _where) -> list[RawProblem]:
    """Problems with references, answers, languages and unused declarations."""
    return CrossCheck(campaign, models or all_models(campaign), where).run()
