"""Write the game's sound effects and ambient loops under assets/sounds/ as WAV files.

Build tool only, standard library only. Every sound is synthesised here, in the manner of
sfxr (one oscillator per voice, a pitch slide, an attack-sustain-decay envelope, a one-pole
low-pass filter), from fixed parameters and fixed seeds: the same script writes the same
bytes, so tests can check that the shipped files are exactly what this script makes.

Usage:  python assets/tools/make_sounds.py

Effects are 22 050 Hz mono 16-bit and last under a second. Ambient loops are quiet drones
at 11 025 Hz: every partial and every slow swell completes a whole number of cycles in the
loop, so the end joins the start without a click.
"""

from __future__ import annotations

import array
import io
import math
import random
import sys
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ASSETS = Path(__file__).resolve().parents[1]
OUT = ASSETS / "sounds"
EFFECT_RATE = 22_050
AMBIENT_RATE = 11_025
LOOP_SECONDS = 6
TAU = 2.0 * math.pi

Oscillator = Callable[[float, float], float]  # (phase in cycles, duty) -> -1..1


def _square(phase: float, duty: float) -> float:
    return 1.0 if phase % 1.0 < duty else -1.0


def _saw(phase: float, duty: float) -> float:
    return 2.0 * (phase % 1.0) - 1.0


def _triangle(phase: float, duty: float) -> float:
    return 1.0 - 4.0 * abs((phase % 1.0) - 0.5)


def _sine(phase: float, duty: float) -> float:
    return math.sin(TAU * phase)


WAVES: dict[str, Oscillator] = {
    "square": _square, "saw": _saw, "triangle": _triangle, "sine": _sine,
}


@dataclass(frozen=True)
class Voice:
    """One sfxr-style voice: a waveform sliding in pitch under an envelope."""

    wave: str  # square, saw, triangle, sine or noise
    freq: float  # Hz at the start
    attack: float = 0.005  # seconds
    sustain: float = 0.05
    decay: float = 0.1
    slide: float = 0.0  # octaves per second (negative slides down)
    duty: float = 0.5
    vibrato: float = 0.0  # depth, fraction of the frequency
    vibrato_hz: float = 6.0
    lowpass: float = 1.0  # 0..1, 1 lets everything through
    volume: float = 1.0
    start: float = 0.0  # seconds after the sound starts

    @property
    def length(self) -> float:
        return self.start + self.attack + self.sustain + self.decay


@dataclass(frozen=True)
class Effect:
    name: str
    voices: tuple[Voice, ...]
    seed: int
    peak: float = 0.7  # loudest sample after mixing, as a fraction of full scale


def _envelope(voice: Voice, t: float) -> float:
    if t < voice.attack:
        return t / voice.attack if voice.attack else 1.0
    t -= voice.attack
    if t < voice.sustain:
        return 1.0
    t -= voice.sustain
    return max(0.0, 1.0 - t / voice.decay) ** 2 if voice.decay else 0.0


def render_voice(voice: Voice, rate: int, rng: random.Random) -> list[float]:
    """The voice's samples from its own start; noise is sample-and-hold, as in sfxr."""
    count = round((voice.attack + voice.sustain + voice.decay) * rate)
    out: list[float] = []
    phase = 0.0
    held = rng.uniform(-1.0, 1.0)
    filtered = 0.0
    for i in range(count):
        t = i / rate
        freq = voice.freq * 2.0 ** (voice.slide * t)
        if voice.vibrato:
            freq *= 1.0 + voice.vibrato * math.sin(TAU * voice.vibrato_hz * t)
        previous = phase
        phase += freq / rate
        if voice.wave == "noise":
            if int(phase * 2) != int(previous * 2):
                held = rng.uniform(-1.0, 1.0)
            raw = held
        else:
            raw = WAVES[voice.wave](phase, voice.duty)
        filtered += voice.lowpass * (raw - filtered)
        out.append(filtered * _envelope(voice, t) * voice.volume)
    return out


def render_effect(effect: Effect, rate: int = EFFECT_RATE) -> list[float]:
    rng = random.Random(effect.seed)
    total = round(max(v.length for v in effect.voices) * rate) + 1
    mix = [0.0] * total
    for voice in effect.voices:
        offset = round(voice.start * rate)
        for i, sample in enumerate(render_voice(voice, rate, rng)):
            mix[offset + i] += sample
    return _normalised(mix, effect.peak)


def _normalised(samples: list[float], peak: float) -> list[float]:
    loudest = max((abs(s) for s in samples), default=0.0)
    if loudest == 0.0:
        return samples
    return [s * peak / loudest for s in samples]


def _notes(wave: str, freqs: tuple[float, ...], step: float, **kw: float) -> tuple[Voice, ...]:
    return tuple(Voice(wave, f, start=i * step, **kw) for i, f in enumerate(freqs))


C5, E5, G5, C6, E6, G6 = 523.25, 659.25, 783.99, 1046.5, 1318.5, 1568.0

EFFECTS: tuple[Effect, ...] = (
    # a short, soft tap for every button
    Effect("click", (Voice("square", 1400, 0.001, 0.012, 0.03, slide=-3.0, duty=0.3,
                           lowpass=0.35),), seed=1, peak=0.45),
    # a potion goes into the bag: two coin-like blips, up a fourth
    Effect("purchase", (Voice("square", 988, 0.002, 0.05, 0.08, duty=0.25, lowpass=0.5),
                        Voice("square", 1318.5, 0.002, 0.08, 0.22, duty=0.25, lowpass=0.5,
                              start=0.07)), seed=2, peak=0.55),
    # one second of a warning's countdown: a dry wooden tick
    Effect("warning_tick", (Voice("sine", 1800, 0.001, 0.004, 0.05, slide=-2.0),
                            Voice("noise", 6000, 0.001, 0.002, 0.02, lowpass=0.5,
                                  volume=0.4)), seed=3, peak=0.5),
    # the threat strikes: a falling thud of noise under a falling square
    Effect("strike", (Voice("noise", 900, 0.002, 0.08, 0.5, slide=-2.5, lowpass=0.25),
                      Voice("square", 220, 0.002, 0.06, 0.35, slide=-2.0, duty=0.4,
                            lowpass=0.15, volume=0.6)), seed=4, peak=0.75),
    # the potion pays out: coins rising
    Effect("payout", _notes("square", (C6, E6, G6, C6 * 2), 0.06, attack=0.002, sustain=0.03,
                            decay=0.12, duty=0.25, lowpass=0.45, volume=0.8), seed=5, peak=0.55),
    # a puzzle is solved: a bright major arpeggio that rings out
    Effect("solved", (*_notes("triangle", (C5, E5, G5), 0.08, attack=0.004, sustain=0.06,
                              decay=0.2),
                      Voice("triangle", C6, 0.004, 0.12, 0.45, start=0.24),
                      Voice("sine", C6 * 2, 0.004, 0.1, 0.4, start=0.24, volume=0.3)),
           seed=6, peak=0.6),
    # a locked door or a locked puzzle: two low, dull notes going down
    Effect("locked", (Voice("square", 196, 0.003, 0.07, 0.06, duty=0.5, lowpass=0.12),
                      Voice("square", 147, 0.003, 0.1, 0.12, duty=0.5, lowpass=0.12,
                            start=0.12)), seed=7, peak=0.55),
)


@dataclass(frozen=True)
class Partial:
    """A sine that sounds all through the loop; whole cycles per loop keep the joint clean."""

    cycles: int  # per loop, so the frequency is cycles / LOOP_SECONDS Hz
    level: float
    swell: int = 0  # whole slow swells per loop (0: steady)
    swell_depth: float = 0.5
    swell_phase: float = 0.0  # fraction of a swell


@dataclass(frozen=True)
class Ambient:
    name: str
    partials: tuple[Partial, ...]
    seed: int
    ticks: int = 0  # soft clock ticks per loop
    bubbles: int = 0  # soft rising blips per loop, at seeded times
    peak: float = 0.22  # quiet: a bed under the game, never in front of it


def _hz(freq: float) -> int:
    """Cycles per loop nearest to a frequency."""
    return round(freq * LOOP_SECONDS)


def _chord(*freqs: float, level: float = 1.0, swell: int = 1) -> tuple[Partial, ...]:
    return tuple(Partial(_hz(f), level / (i + 1), swell, 0.5, i / max(1, len(freqs)))
                 for i, f in enumerate(freqs))


AMBIENTS: tuple[Ambient, ...] = (
    # a warm flat: A major, slow breathing, potions bubbling now and then
    Ambient("protection", _chord(110.0, 164.8, 220.0, 277.2), seed=11, bubbles=3),
    # a quiet study: D minor hum with a faint high shimmer
    Ambient("fine_print", (*_chord(73.4, 110.0, 174.6), Partial(_hz(880.0), 0.05, 3, 0.9)),
            seed=12),
    # the chart room: open fifths pulsing twice a second, a little tense
    Ambient("risk_matrix", (*_chord(98.0, 146.8, 196.0), Partial(_hz(55.0), 0.6, 12, 0.8)),
            seed=13),
    # the scam room: two tones a few hertz apart beat against each other, uneasy
    Ambient("scam", (Partial(_hz(130.8), 0.7, 1), Partial(_hz(130.8) + 20, 0.6, 1, 0.5, 0.5),
                     Partial(_hz(185.0), 0.3, 2, 0.7)), seed=14),
    # the time room: a low drone and a soft clock tick every second
    Ambient("time", _chord(82.4, 123.5, 164.8, level=0.8), seed=15, ticks=LOOP_SECONDS),
    # the exit hall: wide open fifths, airy
    Ambient("hall", _chord(65.4, 98.0, 130.8, 196.0, swell=1), seed=16),
    # rooms whose level names no known theme
    Ambient("default", _chord(87.3, 130.8, 174.6), seed=17),
)


def render_ambient(ambient: Ambient, rate: int = AMBIENT_RATE) -> list[float]:
    total = LOOP_SECONDS * rate
    rng = random.Random(ambient.seed)
    mix = [0.0] * total
    for p in ambient.partials:
        step = TAU * p.cycles / total
        swell_step = TAU * p.swell / total
        for i in range(total):
            gain = 1.0
            if p.swell:
                gain -= p.swell_depth * 0.5 * (1.0 + math.cos(swell_step * i + TAU * p.swell_phase))
            mix[i] += p.level * gain * math.sin(step * i)
    _add_events(mix, rate, ambient, rng)
    return _normalised(mix, ambient.peak)


def _add_events(mix: list[float], rate: int, ambient: Ambient, rng: random.Random) -> None:
    """Ticks and bubbles, wrapped around the loop's end so the joint stays clean."""
    loudest = max(abs(s) for s in mix) or 1.0
    events: list[tuple[float, Voice]] = []
    for k in range(ambient.ticks):
        events.append((k * LOOP_SECONDS / ambient.ticks + 0.5,
                       Voice("sine", 1500, 0.001, 0.003, 0.04, slide=-2.0, volume=0.5)))
    for _ in range(ambient.bubbles):
        events.append((rng.uniform(0.0, LOOP_SECONDS),
                       Voice("sine", rng.uniform(400, 700), 0.01, 0.02, 0.12, slide=1.5,
                             volume=0.35)))
    for at, voice in events:
        offset = round(at * rate)
        for i, sample in enumerate(render_voice(voice, rate, rng)):
            mix[(offset + i) % len(mix)] += sample * loudest


def wav_bytes(samples: list[float], rate: int) -> bytes:
    """16-bit mono PCM in a WAV container, clipped to full scale."""
    pcm = array.array("h", (max(-32767, min(32767, round(s * 32767))) for s in samples))
    if sys.byteorder == "big":
        pcm.byteswap()
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm.tobytes())
    return buffer.getvalue()


def build() -> dict[str, bytes]:
    """Every sound file by its path under assets/sounds/."""
    files = {f"{e.name}.wav": wav_bytes(render_effect(e), EFFECT_RATE) for e in EFFECTS}
    for a in AMBIENTS:
        files[f"ambient/{a.name}.wav"] = wav_bytes(render_ambient(a), AMBIENT_RATE)
    return files


def main() -> None:
    for rel, data in build().items():
        path = OUT / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


if __name__ == "__main__":
    main()
