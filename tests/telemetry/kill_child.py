"""Run by test_telemetry_kill: fork players that record sessions and SIGKILL them at random.

Usage: kill_child.py FOLDER RUNS SEED. Each run forks a player (imports are paid once) that
plays sessions on the vault level through core + recorder, logging after every frame how many
records it has handed over; the supervisor kills it with SIGKILL after a random delay.
"""

from __future__ import annotations

import os
import random
import signal
import sys
import time
import uuid
from pathlib import Path

from telemetry_helpers import make_header, play_session, vault_level

from escape_game.core import Level
from telemetry.recorder import Recorder, SessionRecorder, open_recorder


def player(folder: Path, seed: int, progress_fd: int, level: Level, content_hash: str) -> None:
    rng = random.Random(seed)
    while True:
        header = make_header(content_hash=content_hash, seed=rng.randrange(2**32))
        header = header.model_copy(update={"session_id": uuid.uuid4(), "campaign_id":
                                           "telemetry_vault"})
        rec = open_recorder(folder, header, consent=True)

        def log(handed: int, sid: object = header.session_id, rec: Recorder = rec) -> None:
            held = rec.held if isinstance(rec, SessionRecorder) else 0
            os.write(progress_fd, f"{sid} {handed} {held}\n".encode())

        play_session(rec, level, header.seed, frames=20, on_frame=log, frame_sleep_s=0.002)
        rec.close("quit", 10_000)
        os.write(progress_fd, f"{header.session_id} closed\n".encode())


def main() -> int:
    folder, runs, seed = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    progress = os.open(folder / "progress.log", os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    level, content_hash = vault_level()  # load once, before forking
    for run in range(runs):
        pid = os.fork()
        if pid == 0:
            try:
                player(folder, seed * 1000 + run, progress, level, content_hash)
            finally:
                os._exit(0)
        time.sleep(rng.uniform(0.01, 0.15))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
