"""A tiny seeded PRNG (splitmix64) whose whole state is one int, so it lives inside GameState."""

from __future__ import annotations

_MASK = (1 << 64) - 1
_GAMMA = 0x9E3779B97F4A7C15


def seed_state(seed: int) -> int:
    """Any int seeds the generator; the state is always a 64-bit unsigned int."""
    return seed & _MASK


def next_u64(state: int) -> tuple[int, int]:
    """One splitmix64 step: (new state, 64-bit output)."""
    state = (state + _GAMMA) & _MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return state, z ^ (z >> 31)


def next_unit(state: int) -> tuple[int, float]:
    """A float in [0, 1) from the top 53 bits, and the new state."""
    state, out = next_u64(state)
    return state, (out >> 11) / float(1 << 53)
