"""The app loop, kept plain like pygame's chimp example: tick, events, update, draw, flip.

Draw and flip happen only when something on show changed (see ``App.frame_key``): a still
screen costs next to nothing, which matters on a shared classroom machine and on battery.

``frame(events, dt_ms)`` is one turn of the loop; ``run`` feeds it real events and the real
clock, the test pilot feeds it synthetic events and a fake clock. An exception inside a scene
is logged and shown, and the player is taken back to the title screen: the game never crashes
on input.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pygame

from escape_game.locales import say
from escape_game.ui.assets import Fonts, Images
from escape_game.ui.audio import Audio
from escape_game.ui.backdrop import Backdrops
from escape_game.ui.draw import Painter
from escape_game.ui.memory import return_large_buffers
from escape_game.ui.motion import Motion
from escape_game.ui.scene import SceneManager
from escape_game.ui.settings import Settings, load_settings, save_settings
from escape_game.ui.theme import Theme, pick_theme

if TYPE_CHECKING:
    from escape_game.ui.flow import Flow

log = logging.getLogger("escape_game.ui")
DEFAULT_SIZE = (1280, 720)
UNDER_REFRESH = 10  # frames between redraws of the scenes under a dialog
MIN_SIZE = (480, 320)


@dataclass
class Toast:
    text: str
    kind: str = "info"  # info | good | bad | warn
    remaining_ms: int = 4000


@dataclass
class PlayOptions:
    """What the command line asked for."""

    level: Any = None  # a LoadedCampaign, or None when the level could not be loaded
    level_problems: list[str] = field(default_factory=list)
    language: str | None = None
    start_room: str | None = None
    data_dir: Path | None = None
    telemetry: bool = True
    seed: int | None = None
    fullscreen: bool = False
    settings_path: Path | None = None
    #: loads the level after the first frame is on screen: (level, problems)
    loader: Callable[[], tuple[Any, list[str]]] | None = None
    #: the teacher's class and school ids, recorded in each session header (study designs)
    class_id: str | None = None
    school_id: str | None = None
    #: a class plays together (a class, school or classroom file was given): sound starts off
    classroom: bool = False
    #: a GameState to play straight away: no title, consent, quiz or recording (authors)
    start_state: Any = None
    #: watches the level's files: ``tick(dt_ms)`` returns a reload or None (live_reload)
    watcher: Any = None


def native_framebuffer() -> None:
    """On Linux, show frames through the window system's own shared-memory framebuffer, not
    through an OpenGL texture. SDL takes the texture path there when it finds a GL driver,
    and on a machine without a graphics card (many school computers, virtual machines) that
    driver draws in software: every flip then costs this process 6-7 ms of CPU for a
    1280x720 window, against 0.01 ms through the framebuffer. A value set by the player in
    ``SDL_FRAMEBUFFER_ACCELERATION`` is kept. Where SDL has no framebuffer of the window
    system's own (Wayland), it uses a texture whatever the setting."""
    if sys.platform.startswith("linux"):
        os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")


class App:
    def __init__(self, options: PlayOptions, size: tuple[int, int] = DEFAULT_SIZE) -> None:
        return_large_buffers()
        native_framebuffer()
        pygame.display.init()
        pygame.font.init()
        self.options = options
        self.settings_path = options.settings_path
        settings, problem = (load_settings(self.settings_path) if self.settings_path
                             else (Settings(), None))
        if options.language:
            settings = settings.with_(language=options.language)
        if options.fullscreen:
            settings = settings.with_(fullscreen=True)
        self.settings = settings
        self.windowed_size = size
        self.screen = self._open_window(size)
        pygame.display.set_caption(self.t("app.title"))
        self.fonts = Fonts(dyslexic=self.settings.dyslexic_font)
        resolve = getattr(options.level, "resolve_asset", None)
        self.images = Images(resolve)
        self._set_icon()
        self.scenes = SceneManager()
        self.toasts: list[Toast] = []
        self.time_ms = 0
        self.audio = Audio(classroom=options.classroom)
        self.audio.follow(self.settings)
        self.motion = Motion(lambda: self.time_ms, reduced=self.settings.reduced_motion)
        self.backdrops = Backdrops()
        self.frames = 0
        self.running = True
        self.errors: list[str] = []
        self._under: pygame.Surface | None = None
        #: the scenes on the stack at the end of the last frame, by id
        self._shown: dict[int, Any] = {}
        self._under_key: object = None
        #: where the messages' band drew each message in the last frame
        self.toast_rects: list[pygame.Rect] = []
        #: what the last frame drawn showed (see ``frame_key``); None draws the next frame
        self._drawn_key: object = None
        #: frames drawn (not skipped because nothing changed), for the benchmark and tests
        self.frames_drawn = 0
        #: built on first use: the flow imports the core's models, which the loading screen
        #: does not need, so the window shows before they are built
        self._flow: Flow | None = None
        if problem:
            self.toast(self.t("settings.corrupt"), "warn")
            log.warning("settings: %s", problem)
        if options.loader is not None and options.level is None:
            from escape_game.ui.scenes.loading import LoadingScene

            self.scenes.replace(LoadingScene(self))
        else:
            self.flow.start()

    @property
    def flow(self) -> Flow:
        if self._flow is None:
            from escape_game.ui.flow import Flow

            self._flow = Flow(self)
        return self._flow

    def level_loaded(self, level: Any, problems: list[str]) -> None:
        self.options.level = level
        self.options.level_problems = problems
        self.images.resolve = getattr(level, "resolve_asset", None)
        self.flow.start()

    # --- window -----------------------------------------------------------------------
    def _open_window(self, size: tuple[int, int]) -> pygame.Surface:
        if self.settings.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(size, pygame.RESIZABLE)

    def _set_icon(self) -> None:
        icon = self.images.raw("ui/app_icon")
        if icon is not None:
            pygame.display.set_icon(icon)

    def toggle_fullscreen(self) -> None:
        self.apply_settings(self.settings.with_(fullscreen=not self.settings.fullscreen))

    @property
    def lang(self) -> str:
        """The player's language: the settings hold it, nothing else keeps a copy."""
        return self.settings.language or "en"

    def t(self, key: str, **params: object) -> str:
        """The game's own words for ``key`` in the player's language."""
        return say(self.lang, key, **params)

    @property
    def theme(self) -> Theme:
        return pick_theme(high_contrast=self.settings.high_contrast,
                          colour_blind=self.settings.colour_blind)

    @property
    def unit(self) -> float:
        """Design pixels to window pixels: the window's size, not a scene's page, sets it."""
        w, h = self.screen.get_size()
        return max(0.5, min(w / 1280, h / 720))

    def painter(self, surface: pygame.Surface, view: tuple[int, int] | None = None) -> Painter:
        return Painter(surface, self.theme, self.fonts, self.images, self.settings.text_scale,
                       unit=self.unit, view=view)

    def apply_settings(self, settings: Settings) -> None:
        old = self.settings
        self.settings = settings
        pygame.display.set_caption(self.t("app.title"))
        if settings.dyslexic_font != old.dyslexic_font:
            self.fonts = Fonts(dyslexic=settings.dyslexic_font)
        if settings.fullscreen != old.fullscreen:
            self.screen = self._open_window(self.windowed_size)
        self.audio.follow(settings)
        self.motion.reduced = settings.reduced_motion
        if self.settings_path is not None:
            problem = save_settings(settings, self.settings_path)
            if problem:
                self.toast(self.t("settings.not_saved"), "warn")
                log.warning("settings not saved: %s", problem)

    # --- messages ---------------------------------------------------------------------
    def toast(self, text: str, kind: str = "info", ms: int = 4500) -> None:
        self.toasts.append(Toast(text, kind, ms))
        self.toasts = self.toasts[-4:]

    def report_error(self, where: str, exc: BaseException) -> None:
        log.error("error in %s", where, exc_info=exc)
        self.errors.append(f"{where}: {exc!r}")
        self.toast(self.t("error.scene", error=type(exc).__name__), "bad", 8000)
        try:
            self.flow.to_title()
        except Exception as again:  # the title screen itself failed: stop cleanly
            log.critical("cannot recover", exc_info=again)
            self.running = False

    # --- the loop ---------------------------------------------------------------------
    def frame(self, events: list[pygame.event.Event], dt_ms: int) -> None:
        """One turn of the loop: input, update, draw. Never raises because of a scene."""
        self.frames += 1
        self.time_ms += dt_ms
        for event in events:
            self.handle(event)
        if self.options.watcher is not None:
            try:
                self.flow.reloaded(self.options.watcher.tick(dt_ms))
            except Exception as exc:
                self.report_error("reload", exc)
        scene = self.scenes.top
        try:
            if scene is not None and scene.time_flows:
                self.flow.advance(dt_ms)
            if self.scenes.top is not None:
                self.scenes.top.on_update(dt_ms)
        except Exception as exc:
            self.report_error(type(self.scenes.top).__name__, exc)
        for toast in self.toasts:
            toast.remaining_ms -= dt_ms
        self.toasts = [x for x in self.toasts if x.remaining_ms > 0]
        self.draw()
        self._release_left_scenes()

    def _release_left_scenes(self) -> None:
        """Free the page of each scene that left the stack now, not at the next full garbage
        collection: a scene's widgets refer back to it, so it lingers in a cycle, and its
        page is megabytes of pixels (a scene shown again lays out a new page)."""
        if len(self.scenes.stack) == len(self._shown) and all(
                id(scene) in self._shown for scene in self.scenes.stack):
            return  # the same scenes as in the last frame
        stack = {id(scene): scene for scene in self.scenes.stack}
        for key, scene in self._shown.items():
            if key not in stack:
                scene._page = None
                scene._patches.clear()
                scene._parts.clear()
        self._shown = stack
        if len(stack) <= 1:
            self._under = None

    def handle(self, event: pygame.event.Event) -> None:
        if event.type == pygame.QUIT:
            self.flow.quit()
            return
        if event.type == pygame.VIDEORESIZE and not self.settings.fullscreen:
            size = (max(MIN_SIZE[0], event.w), max(MIN_SIZE[1], event.h))
            self.windowed_size = size
            if pygame.display.get_surface() is None or self.screen.get_size() != size:
                self.screen = pygame.display.set_mode(size, pygame.RESIZABLE)
            return
        if event.type in (pygame.WINDOWEXPOSED, pygame.VIDEOEXPOSE, pygame.WINDOWRESTORED,
                          pygame.WINDOWSIZECHANGED):
            self.redraw()
            return
        if event.type == pygame.KEYDOWN and event.key == pygame.K_F11:
            self.toggle_fullscreen()
            return
        scene = self.scenes.top
        if scene is None:
            return
        try:
            scene.on_event(event)
        except Exception as exc:
            self.report_error(type(scene).__name__, exc)

    def viewport(self) -> pygame.Rect:
        """The part of the window the scenes get: all of it but the messages' band."""
        w, h = self.screen.get_size()
        band = sum(height for _, height in self._toast_layout())
        return pygame.Rect(0, 0, w, max(h // 3, h - band))

    def redraw(self) -> None:
        """Draw the next frame even if nothing changed: the window lost what it showed."""
        self._drawn_key = None

    def frame_key(self, surface: pygame.Surface) -> object:
        """Everything the next frame's picture depends on, or None when a scene on show
        cannot say (it animates, or does not tell): the frame is drawn when the key differs
        from the last frame's, and a still screen costs nothing."""
        keys = []
        for scene in self.scenes.visible():
            key = scene.frame_key()
            if key is None:
                return None
            keys.append((id(scene), key))
        toasts = (tuple((toast.text, toast.kind) for toast in self.toasts[-self.TOASTS_SHOWN:])
                  if self.toasts else ())
        return (id(surface), surface.get_size(), self.settings, len(self.scenes.stack), toasts,
                tuple(keys))

    def draw(self) -> None:
        surface = pygame.display.get_surface() or self.screen
        key = self.frame_key(surface)
        if key is not None and key == self._drawn_key:
            return  # nothing on show changed: nothing drawn, nothing sent
        self.frames_drawn += 1
        self.screen = surface
        surface.fill(self.theme.background)
        visible = self.scenes.visible()
        viewport = self.viewport()
        try:
            if len(visible) > 1:
                self._draw_under(surface, visible[:-1], viewport)
            visible[-1].on_draw(surface, viewport)
        except Exception as exc:
            self.report_error(type(self.scenes.top).__name__, exc)
            key = None  # what was drawn is not what the key says: draw again next frame
        self._draw_toasts(surface, viewport)
        pygame.display.flip()
        self._drawn_key = key

    def _draw_under(self, surface: pygame.Surface, scenes: list[Any],
                    viewport: pygame.Rect) -> None:
        """Scenes below a dialog, dimmed; redrawn a few times a second, not every frame."""
        key = (surface.get_size(), tuple(viewport), tuple(id(s) for s in scenes),
               id(self.scenes.top), self.settings, self.flow.signature())
        if self._under is None or self._under_key != key or self.frames % UNDER_REFRESH == 0:
            layer = pygame.Surface(surface.get_size()).convert()
            layer.fill(self.theme.background)
            for scene in scenes:
                scene.on_draw(layer, viewport)
                self.painter(layer).dim()
            self._under, self._under_key = layer, key
        surface.blit(self._under, (0, 0))

    #: how many messages the band shows at once (the newest)
    TOASTS_SHOWN = 3

    def _toast_layout(self) -> list[tuple[Toast, int]]:
        if not self.toasts:
            return []
        p = self.painter(self.screen)
        text_w = self.screen.get_width() - p.px(100)
        return [(toast, max(p.px(50), p.measure(toast.text, text_w, "body") + p.px(18)))
                for toast in self.toasts[-self.TOASTS_SHOWN:]]

    def _draw_toasts(self, surface: pygame.Surface, viewport: pygame.Rect) -> None:
        """Messages in a band below the scene, which never covers what the scene shows."""
        layout = self._toast_layout()
        if not layout:
            return
        p = self.painter(surface)
        icons = {"good": "ui/check", "bad": "items/cross_mark", "warn": "items/warning",
                 "info": "items/information"}
        colours = {"good": p.theme.good, "bad": p.theme.bad, "warn": p.theme.warn,
                   "info": p.theme.text}
        y = viewport.bottom
        pygame.draw.rect(surface, p.theme.panel,
                         pygame.Rect(0, y, surface.get_width(), surface.get_height() - y))
        pygame.draw.line(surface, p.theme.panel_border, (0, y), (surface.get_width(), y),
                         max(1, p.px(2)))
        self.toast_rects = []
        for toast, height in layout:
            rect = pygame.Rect(0, y, surface.get_width(), height)
            pygame.draw.rect(surface, colours[toast.kind],
                             pygame.Rect(rect.left + p.px(8), rect.top + p.px(6), p.px(8),
                                         rect.height - p.px(12)))
            p.image(icons[toast.kind], pygame.Rect(rect.left + p.px(26), rect.top + p.px(8),
                                                   p.px(34), p.px(34)))
            p.paragraph(toast.text, pygame.Rect(rect.left + p.px(72), rect.top + p.px(9),
                                                rect.width - p.px(100), height),
                        "body", colours[toast.kind])
            self.toast_rects.append(rect)
            y = rect.bottom

    def run(self, max_frames: int | None = None) -> int:
        clock = pygame.time.Clock()
        while self.running and (max_frames is None or self.frames < max_frames):
            dt = clock.tick(60)
            self.frame(pygame.event.get(), min(dt, 250))
        if self._flow is not None:  # closed on the loading screen: nothing was started
            self._flow.close()
        pygame.quit()
        return 0
