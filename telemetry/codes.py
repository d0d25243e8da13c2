"""Pseudonymous player codes such as ``OWL-427`` for a teacher's printed class list.

A code is a word from a short list plus three digits, the last of which is a check digit:
a mistyped code, or a name typed instead of a code, is refused rather than silently recorded
as someone else. The teacher alone keeps the link between a code and a child.
"""

from __future__ import annotations

import random
import re

WORDS: tuple[str, ...] = (
    "ANT", "BAT", "BEE", "BOA", "CAT", "COD", "COW", "CRAB", "CROW", "DEER", "DOVE", "DUCK",
    "EEL", "ELK", "EMU", "FOX", "FROG", "GNU", "GOAT", "HARE", "HAWK", "IBIS", "JAY", "KOI",
    "LARK", "LION", "LYNX", "MOLE", "MOTH", "MULE", "NEWT", "ORCA", "OWL", "PIKE", "PUMA",
    "RAM", "SEAL", "SWAN", "TOAD", "TUNA", "WASP", "WOLF", "WREN", "YAK", "ZEBU",
)
_WORD_INDEX = {word: index for index, word in enumerate(WORDS)}
_CODE = re.compile(r"^([A-Z]{2,5})-([0-9]{2})([0-9])$")


def _check_digit(word: str, number: int) -> int:
    """A weighted sum mod 10: catches one wrong digit and most swapped neighbours."""
    value = _WORD_INDEX[word] * 100 + number
    digits = [int(c) for c in f"{value:05d}"]
    return sum(d * w for d, w in zip(digits, (3, 7, 1, 3, 7), strict=True)) % 10


def normalize_code(text: str) -> str:
    """What the player typed, as a code: spaces dropped, upper case (``owl 427`` -> ``OWL-427``)."""
    compact = re.sub(r"[\s\-_]+", "", text.upper())
    match = re.fullmatch(r"([A-Z]+)([0-9]+)", compact)
    return f"{match.group(1)}-{match.group(2)}" if match else compact


def is_valid_code(code: str) -> bool:
    """True for a code this module could have generated (exact form, see normalize_code)."""
    match = _CODE.match(code)
    if match is None or match.group(1) not in _WORD_INDEX:
        return False
    return _check_digit(match.group(1), int(match.group(2))) == int(match.group(3))


def all_codes() -> int:
    """How many distinct codes exist."""
    return len(WORDS) * 100


def generate_codes(count: int, seed: int | None = None) -> list[str]:
    """``count`` distinct codes in random order; the same seed gives the same list."""
    if not 0 <= count <= all_codes():
        raise ValueError(f"count must be between 0 and {all_codes()}, not {count}")
    rng = random.Random(seed)
    picks = rng.sample(range(all_codes()), count)
    codes = []
    for pick in picks:
        word, number = WORDS[pick // 100], pick % 100
        codes.append(f"{word}-{number:02d}{_check_digit(word, number)}")
    return codes
