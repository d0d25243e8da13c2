"""How the core's events reach the player: a toast, a level's message, a threat's dialog.

The one home of event presentation. The flow keeps the game's course (the game has ended,
its save is finished); this module only shows what happened, in the level's own words
where the level wrote some.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from escape_game.core.events import (
    ActionRejected,
    Event,
    GameEnded,
    MessageShown,
    ThreatStruck,
    ThreatWarned,
)
from escape_game.ui.reactions import describe

if TYPE_CHECKING:
    from escape_game.ui.app import App
    from escape_game.ui.flow import Flow


class EventPresenter:
    def __init__(self, app: App, flow: Flow) -> None:
        self.app = app
        self.flow = flow

    def present(self, events: list[Event]) -> None:
        """Turn the core's events into toasts and dialogs."""
        if not events:  # most frames: nothing happened
            return
        from escape_game.ui.scenes.dialogs import MessageScene
        from escape_game.ui.scenes.ending import EndingScene
        from escape_game.ui.scenes.threat import ThreatScene

        app, flow = self.app, self.flow
        for event in events:
            locked = self.locked_message(event)
            if locked:  # the level's own words for a closed exit, read in a dialog
                app.scenes.push(MessageScene(app, locked, icon="items/lock"))
                continue
            said = describe(event, flow)
            if said is not None:
                app.toast(*said)
            if isinstance(event, MessageShown):
                app.scenes.push(MessageScene(app, flow.tr(event.text)))
            elif isinstance(event, ThreatWarned):
                app.scenes.push(ThreatScene(app, event.threat))
            elif isinstance(event, ThreatStruck):
                top = app.scenes.top
                if isinstance(top, ThreatScene) and top.threat_id == event.threat:
                    top.struck(event)
                else:
                    scene = ThreatScene(app, event.threat)
                    app.scenes.push(scene)
                    scene.struck(event)
            elif isinstance(event, GameEnded):
                self.ended(event, EndingScene)

    def ended(self, event: GameEnded, plain: type) -> None:
        """The story's ending page for the way the game ended, where the level has a story
        (the debrief then reads as its epilogue); the plain ending dialog otherwise."""
        from escape_game.ui.scenes.outcome import outcome_scene

        app, flow = self.app, self.flow
        campaign = flow.campaign
        if campaign is None or campaign.story is None:
            app.scenes.push(plain(app))
            return
        summary = self.app.t("ending.summary", score=event.score, money=flow.money(event.money),
                             wellbeing=event.wellbeing)
        room = flow.session.room if flow.session is not None else None
        app.scenes.push(outcome_scene(app, campaign, flow.tr, event.outcome, summary,
                                         flow.game_over_seen, room=room))

    def locked_message(self, event: Event) -> str:
        """The level's message for an exit that would not open, or "" when it wrote none."""
        session = self.flow.session
        if not (isinstance(event, ActionRejected) and event.action == "go" and event.detail
                and session is not None):
            return ""
        exit_ = session.level.exits.get(event.detail)
        if exit_ is None or exit_.locked_message is None:
            return ""
        return self.flow.tr(exit_.locked_message)
