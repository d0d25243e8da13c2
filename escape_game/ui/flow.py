"""The player's journey: title, assent, pre-quiz, rooms, post-quiz, debrief.

Scenes call these steps; the flow owns the player code, consent, the recorder and the game
session, so no scene has to know what comes next.
"""

from __future__ import annotations

import dataclasses
import logging
import operator
import random
from pathlib import Path
from typing import TYPE_CHECKING, Any

from escape_game.core.events import (
    Event,
    GameEnded,
)
from escape_game.core.state import GameState
from escape_game.locales import format_money, spoken
from escape_game.model import Text, text_in
from escape_game.ui.presenter import EventPresenter
from escape_game.ui.recording import open_session_recorder
from escape_game.ui.saves import SaveSlots
from escape_game.ui.session import GameSession, Resume
from escape_game.ui.texts import LevelTexts
from telemetry.protocol import NullRecorder, Recorder

if TYPE_CHECKING:
    from escape_game.runner.saves import SaveGame
    from escape_game.ui.app import App

log = logging.getLogger("escape_game.ui")
#: the state's fields a screen may show: all but the clocks, the random generator's state
#: and the step count, which change without anything on screen changing (warnings are
#: keyed by threat and pause; the countdown a scene shows is its own part of its key)
SHOWN_FIELDS = tuple(f.name for f in dataclasses.fields(GameState)
                     if f.name not in {"elapsed_ms", "room_ms", "warnings", "rng", "steps"})
_shown = operator.attrgetter(*SHOWN_FIELDS)


class Flow:
    def __init__(self, app: App) -> None:
        self.app = app
        self.player: str | None = None
        self.consent = False
        #: the null recorder until the player consents, and again once the session is closed
        self.recorder: Recorder = NullRecorder()
        self.session: GameSession | None = None
        self.pre_form: str | None = None
        self.post_form: str | None = None
        self.condition: str | None = None
        self.seed = app.options.seed if app.options.seed is not None else random.randrange(2**31)
        self.session_start_ms = 0
        self.quiz_scores: dict[str, tuple[int, int]] = {}
        self.ended: GameEnded | None = None
        self.problem_shown = False
        #: a save read by "Continue", waiting for the player's consent answer
        self.pending_save: SaveGame | None = None
        self._texts: LevelTexts | None = None
        self.presenter = EventPresenter(app, self)
        #: the code that names this player's save (typed even if consent was refused)
        self.owner: str | None = None

    # --- texts of the level -----------------------------------------------------------
    @property
    def campaign(self) -> Any:
        level = self.app.options.level
        return level.campaign if level is not None else None

    @property
    def lang(self) -> str:
        return self.app.lang

    @property
    def texts(self) -> LevelTexts:
        """The level's words in the player's language."""
        campaign = self.campaign
        if self._texts is None or self._texts.campaign is not campaign:
            self._texts = LevelTexts(campaign, lambda: self.lang)
        return self._texts

    def tr(self, text: Text | None) -> str:
        """A level text in the player's language (the campaign's first language otherwise)."""
        fallback = self.campaign.languages[0] if self.campaign is not None else None
        return text_in(text, self.lang, fallback)

    def money(self, amount: Any) -> str:
        currency = self.campaign.currency if self.campaign is not None else "€"
        return format_money(amount, currency, self.lang)

    # --- steps ------------------------------------------------------------------------
    def start(self) -> None:
        from escape_game.ui.scenes.problems import ProblemsScene

        if self.campaign is None:
            self.app.scenes.replace(ProblemsScene(self.app, self.app.options.level_problems))
            return
        room = self.app.options.start_room
        rooms = [r.id for r in self.campaign.rooms]
        if room is not None and room not in rooms:
            problem = self.app.t("problems.no_room", room=room, rooms=", ".join(rooms))
            log.warning("%s", problem)
            self.app.options.level_problems = [problem]
            self.app.scenes.replace(ProblemsScene(self.app, [problem]))
            return
        if not self.app.settings.language:
            languages = [x for x in self.campaign.languages if x in spoken()]
            self.app.settings = self.app.settings.with_(
                language=(languages or list(self.campaign.languages))[0])
        if self.app.options.start_state is not None:
            self.start_in(self.app.options.start_state)
            return
        self.to_title()

    def start_in(self, state: Any) -> None:
        """Straight into a room with a given state, for authors trying it: nothing asked,
        nothing recorded, no quiz before or after."""
        from escape_game.ui.scenes.room import RoomScene

        self.player, self.consent, self.recorder = None, False, NullRecorder()
        self.pre_form = self.post_form = None
        self.ended = None
        self.session = GameSession(self.campaign, seed=self.seed, timers=state.timers,
                                   start_room=state.room, recorder=self.recorder,
                                   clock=self.t_ms, resume=Resume((), state))
        self.app.scenes.replace(RoomScene(self.app))

    def to_title(self) -> None:
        from escape_game.ui.scenes.problems import ProblemsScene
        from escape_game.ui.scenes.title import TitleScene

        self.app.audio.ambient(None)  # the rooms' sounds end with the game
        if self.campaign is None:
            self.app.scenes.replace(ProblemsScene(self.app, self.app.options.level_problems))
        else:
            self.app.scenes.replace(TitleScene(self.app))

    def begin(self) -> None:
        from escape_game.ui.scenes.consent import ConsentScene

        self.pending_save = None
        self.app.scenes.replace(ConsentScene(self.app))

    def continue_saved(self) -> None:
        """Continue from the title: the player types their code (and gives or refuses
        consent, so that a resumed game is recorded, and replays, like any other session);
        only that player's save is then read."""
        from escape_game.ui.scenes.consent import ConsentScene

        self.pending_save = None
        self.app.scenes.replace(ConsentScene(self.app, continuing=True))

    def consent_given(self, player: str | None, consent: bool,
                      continuing: bool = False) -> None:
        """Assent answered: assign forms, start recording only with consent, then the quiz.

        ``player`` is the code typed, if any: it names the player's save even when consent is
        refused (it is then kept on this computer only, never recorded).
        """
        from telemetry.assignment import assign

        self.owner = player
        if continuing:
            damaged = self.save_path().is_file()
            self.pending_save = self._read_save()
            if self.pending_save is None:  # told in a message
                if damaged:
                    self.to_title()
                return  # no save for this code: the player can correct it
        self.player = player if consent else None
        self.consent = consent and player is not None
        save, self.pending_save = self.pending_save, None
        if save is not None:
            self.seed = save.seed  # the same code and seed give the same forms as before
        assignment = assign(self.campaign, player or "ANON-000", self.seed)
        self.pre_form, self.post_form = assignment.pre_form, assignment.post_form
        self.condition = assignment.condition
        self.session_start_ms = self.app.time_ms
        self.recorder = self._open_recorder()
        if save is not None:  # the pre-quiz was taken before the save
            self.start_game(resume=save)
            self.app.toast(self.app.t("load.done"), "good")
        elif self.pre_form:
            self.quiz("pre", self.pre_form)
        else:
            self.introduce()

    def _open_recorder(self) -> Recorder:
        """The session recorder with consent; the null one otherwise (nothing is written)."""
        if not (self.consent and self.app.options.telemetry and self.player):
            return NullRecorder()
        options = self.app.options
        return open_session_recorder(
            options.data_dir, player=self.player, campaign_id=self.campaign.id,
            content_hash=options.level.content_hash, seed=self.seed, language=self.lang,
            condition=self.condition, pre_form=self.pre_form, post_form=self.post_form,
            timers=self.timers(), start_room=options.start_room, class_id=options.class_id,
            school_id=options.school_id)

    def t_ms(self) -> int:
        return max(0, self.app.time_ms - self.session_start_ms)

    def quiz(self, phase: str, form_id: str) -> None:
        from escape_game.ui.scenes.quiz import QuizScene

        form = next((f for f in self.campaign.quiz_forms if f.id == form_id), None)
        if form is None:
            self.after_quiz(phase)
            return
        self.app.toasts.clear()  # a new chapter: the room's messages are done
        self.app.scenes.replace(QuizScene(self.app, phase, form))

    def after_quiz(self, phase: str) -> None:
        if phase == "pre":
            self.introduce()
        else:
            self.debrief()

    def introduce(self) -> None:
        """A new game opens on its story's intro when the level has a story (a resumed game
        does not: the player has read it), then the first room."""
        from escape_game.ui.scenes.intro import intro_scene

        scene = intro_scene(self.app, self.campaign, self.tr, self.start_game)
        if scene is None:
            self.start_game()
            return
        self.app.toasts.clear()
        self.app.scenes.replace(scene)

    def timers(self) -> bool:
        if self.app.settings.no_timers:
            return False
        study = self.campaign.study
        if self.condition and study is not None:
            for condition in study.conditions:
                if condition.id == self.condition and condition.timers is not None:
                    return bool(condition.timers)
        return True

    def start_game(self, resume: SaveGame | None = None) -> None:
        """A new game, or with ``resume`` the saved one (recorded so that it still replays)."""
        from escape_game.ui.scenes.room import RoomScene

        self.ended = None
        self.session = GameSession(
            self.campaign, seed=self.seed if resume is None else resume.seed,
            timers=self.timers() if resume is None else resume.timers,
            start_room=self.app.options.start_room, recorder=self.recorder,
            clock=self.t_ms,
            resume=None if resume is None else Resume(resume.actions, resume.state))
        self.app.scenes.replace(RoomScene(self.app))
        self.react(self.session.drain())

    def reloaded(self, change: Any) -> None:
        """The level's files changed: play the new version from the same state (what still
        exists of it), or show its errors and go on with the last good version."""
        from escape_game.live_reload import ReloadFailed, carry_over
        from escape_game.ui.scenes.room import RoomScene

        if change is None:
            return
        if isinstance(change, ReloadFailed):
            shown = "\n".join(change.problems[:3])
            more = len(change.problems) - 3
            if more > 0:
                shown += "\n" + self.app.t("reload.more", count=more)
            log.warning("reload failed: %s", "; ".join(change.problems))
            self.app.toasts = [x for x in self.app.toasts if not x.text.startswith(
                self.app.t("reload.failed"))]
            self.app.toast(f"{self.app.t('reload.failed')}\n{shown}", "bad", 15_000)
            return
        loaded = change.loaded
        self.app.options.level = loaded
        self.app.images.resolve = getattr(loaded, "resolve_asset", None)
        self.app.toasts = [x for x in self.app.toasts if not x.text.startswith(
            self.app.t("reload.failed"))]
        if self.session is None:
            self.app.level_loaded(loaded, [])
            return
        from escape_game.core import Level

        state = carry_over(Level.from_campaign(loaded.campaign), self.session.state)
        self.session = GameSession(self.campaign, seed=self.session.seed, timers=state.timers,
                                   start_room=state.room,
                                   recorder=self.recorder,
                                   clock=self.t_ms, resume=Resume(self.session.actions, state))
        self.app.scenes.replace(RoomScene(self.app))
        self.app.toast(self.app.t("reload.done"), "good", 2500)

    @property
    def game(self) -> GameSession:
        """The game being played, for the scenes that only exist during one."""
        if self.session is None:
            raise RuntimeError("no game is being played")
        return self.session

    def signature(self) -> object:
        """What the room shows of the state, to know when a cached picture of it is stale."""
        if self.session is None:
            return None
        s = self.session.state
        return (s.room, s.money, s.debt, s.wellbeing, s.score, s.inventory, s.solved,
                s.owned_potions, tuple((w.threat, w.paused) for w in s.warnings), s.outcome)

    def view_key(self) -> object:
        """All of the state a screen can show, but the clocks that move at every frame
        (a scene that shows a clock adds the second it shows): a screen whose key is
        unchanged need not be drawn again."""
        if self.session is None:
            return ()
        s = self.session.state
        return (id(self.session), id(self.session.level), _shown(s),
                tuple((w.threat, w.paused) for w in s.warnings))

    def advance(self, dt_ms: int) -> None:
        if self.session is None:
            return
        self.session.advance(dt_ms)
        self.react(self.session.drain())
        self._tell_problem()

    def act(self, action: Any) -> list[Event]:
        if self.session is None:
            return []
        events = self.session.act(action)
        self.react(self.session.drain())
        self._tell_problem()
        return events

    def _tell_problem(self) -> None:
        problem = self.recorder.problem
        if problem and not self.problem_shown:
            self.problem_shown = True
            self.app.toast(self.app.t("telemetry.problem"), "warn", 9000)

    def react(self, events: list[Event]) -> None:
        """The game's course follows the events (an ended game's save is marked finished);
        the presenter shows them."""
        for event in events:
            if isinstance(event, GameEnded):
                self.ended = event
                self.slots().finish(self.owner)  # never offered again
        if events:
            self.app.audio.react(events)
        self.presenter.present(events)

    def game_over_seen(self) -> None:
        """The player read the end of the game: on to the post-quiz and the debrief."""
        if self.post_form:
            self.quiz("post", self.post_form)
        else:
            self.debrief()

    def debrief(self) -> None:
        from escape_game.ui.scenes.debrief import DebriefScene

        self.app.toasts.clear()
        self.app.audio.ambient(None)
        self.app.scenes.replace(DebriefScene(self.app))

    def finish(self) -> None:
        """Back to the title after the debrief; the session file gets its footer."""
        self.close()
        self.to_title()

    # --- saves ------------------------------------------------------------------------
    def slots(self) -> SaveSlots:
        import platformdirs

        base = self.app.options.data_dir or Path(
            platformdirs.user_data_dir("escape-game", appauthor=False))
        return SaveSlots(base, self.campaign.id)

    def save_path(self) -> Path:
        """The save of the player now playing (by the code they typed, recorded or not)."""
        return self.slots().path(self.owner)

    def save(self) -> bool:
        """Write the game with the runner's save format (versioned, atomic, checksummed)."""
        from escape_game.runner.saves import save_game

        if self.session is None:
            return False
        try:
            save_game(self.save_path(), self.session.level, seed=self.seed,
                      actions=self.session.actions, state=self.session.state,
                      content_hash=getattr(self.app.options.level, "content_hash", ""),
                      timers=self.session.state.timers)
        except (OSError, ValueError) as exc:
            log.warning("save failed: %s", exc)
            self.app.toast(self.app.t("save.failed"), "bad")
            return False
        self.app.toast(self.app.t("save.done"), "good")
        return True

    def has_save(self) -> bool:
        """During a game: this player has a save. On the title: someone has a game to go on
        with (who, the player code typed next decides)."""
        try:
            if self.session is not None:
                return self.slots().has(self.owner)
            return self.slots().any_open()
        except Exception:
            return False

    def _read_save(self) -> SaveGame | None:
        """The player's saved game, or None after telling the player why not."""
        from escape_game.core import Level
        from escape_game.runner.saves import SaveError, load_save

        path = self.save_path()
        if not path.is_file():
            # no code typed and no save without one: the player most likely forgot the code
            missing = "load.none_for_code" if self.owner else "load.none_without_code"
            self.app.toast(self.app.t(missing), "warn")
            return None
        try:  # checked against the level: its log is replayed, the snapshot must match
            return load_save(path, level=Level.from_campaign(self.campaign),
                             campaign_id=self.campaign.id,
                             content_hash=getattr(self.app.options.level, "content_hash", None))
        except SaveError as exc:
            log.warning("load failed: %s", exc)
            self.app.toast(self.app.t("load.failed"), "bad")
            return None

    def load(self) -> bool:
        """Load from the pause menu: the session (and its recorder) goes on."""
        save = self._read_save()
        if save is None:
            return False
        self.seed = save.seed
        self.start_game(resume=save)
        self.app.toast(self.app.t("load.done"), "good")
        return True

    # --- leaving ----------------------------------------------------------------------
    def close(self) -> None:
        outcome = self.ended.outcome if self.ended else "quit"
        try:
            self.recorder.close(outcome, self.t_ms())
        except Exception as exc:
            log.warning("recorder close: %s", exc)
        self.recorder = NullRecorder()  # a closed session records nothing more
        self.session = None

    def quit(self) -> None:
        self.app.running = False
