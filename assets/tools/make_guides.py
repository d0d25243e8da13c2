"""Draw the guide portraits under assets/images/guides/ with pygame primitives.

Build tool; needs only pygame-ce, which the game already uses. Shapes are drawn at four times
the final size and scaled down smoothly, which gives clean edges without an anti-aliasing
library. Same script, same pixels.

Usage:  python assets/tools/make_guides.py
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame

ASSETS = Path(__file__).resolve().parents[1]
OUT = ASSETS / "images" / "guides"
SIZE = 128
SCALE = 4

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Guide:
    name: str
    skin: RGB
    hair: RGB
    jacket: RGB
    cap: RGB
    badge: RGB


GUIDES = (
    # Noa, the Risk Academy's caretaker: a teal cap and jacket, a golden key badge
    Guide("noa", skin=(224, 172, 130), hair=(70, 46, 36), jacket=(30, 128, 128),
          cap=(22, 100, 104), badge=(240, 190, 60)),
)


def draw(guide: Guide) -> pygame.Surface:
    s = SCALE
    big = pygame.Surface((SIZE * s, SIZE * s), pygame.SRCALPHA)
    c = SIZE * s // 2

    def box(x: float, y: float, w: float, h: float) -> pygame.Rect:
        return pygame.Rect(round(x * s), round(y * s), round(w * s), round(h * s))

    # shoulders and jacket, cut by the bottom edge
    pygame.draw.ellipse(big, guide.jacket, box(18, 92, 92, 64))
    pygame.draw.polygon(big, (245, 245, 240), [(c - 10 * s, 94 * s), (c + 10 * s, 94 * s),
                                               (c, 110 * s)])
    pygame.draw.circle(big, guide.badge, (round(88 * s), round(112 * s)), 6 * s)
    pygame.draw.rect(big, guide.badge, box(86, 112, 4, 12))
    # neck, hair behind the head, the face
    pygame.draw.rect(big, guide.skin, box(56, 80, 16, 16))
    pygame.draw.ellipse(big, guide.hair, box(30, 32, 68, 50))
    pygame.draw.ellipse(big, guide.skin, box(36, 36, 56, 56))
    # cap: a dome and a brim
    pygame.draw.ellipse(big, guide.cap, box(32, 20, 64, 34))
    pygame.draw.ellipse(big, guide.cap, box(28, 42, 72, 10))
    pygame.draw.circle(big, guide.badge, (c, round(32 * s)), 4 * s)
    # hair peeking out under the cap on both sides
    pygame.draw.ellipse(big, guide.hair, box(33, 48, 10, 22))
    pygame.draw.ellipse(big, guide.hair, box(85, 48, 10, 22))
    # eyes with a glint, cheeks, a smile
    for x in (52, 76):
        pygame.draw.circle(big, (40, 30, 30), (round(x * s), round(64 * s)), round(4.5 * s))
        pygame.draw.circle(big, (255, 255, 255), (round((x + 1.5) * s), round(62.5 * s)),
                           round(1.5 * s))
    cheeks = pygame.Surface(big.get_size(), pygame.SRCALPHA)
    for x in (46, 82):
        pygame.draw.circle(cheeks, (235, 120, 120, 90), (round(x * s), round(74 * s)), 5 * s)
    big.blit(cheeks, (0, 0))
    pygame.draw.arc(big, (120, 50, 50), box(54, 64, 20, 16), 3.6, 5.8, 2 * s)
    return pygame.transform.smoothscale(big, (SIZE, SIZE))


def main() -> None:
    pygame.display.init()
    OUT.mkdir(parents=True, exist_ok=True)
    for guide in GUIDES:
        pygame.image.save(draw(guide), str(OUT / f"{guide.name}.png"))


if __name__ == "__main__":
    main()
