"""Pushing statements to a real LRS (Ralph on loopback), including a push killed midway."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from escape_game.cli import main
from telemetry.research import ingest, push, synthetic, xapi

HERE = Path(__file__).resolve().parent
AUTH = ("teacher", "secret")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def lrs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Ralph LRS (file-system backend) on a free loopback port, stopped after the module.

    Tests share it, each with its own classroom, and look only at their own sessions.
    """
    tmp_path = tmp_path_factory.mktemp("lrs")
    env = {**os.environ, "RALPH_APP_DIR": str(tmp_path / "ralph"),
           "RALPH_RUNSERVER_BACKEND": "fs",
           "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(tmp_path / "lrs-data")}
    (tmp_path / "lrs-data").mkdir()
    ralph = Path(sys.executable).with_name("ralph")
    subprocess.run([str(ralph), "auth", "-u", AUTH[0], "-p", AUTH[1], "-s", "all", "-M",
                    "mailto:teacher@example.org", "-w"], env=env, check=True,
                   capture_output=True, cwd=tmp_path)
    port = _free_port()
    server = subprocess.Popen([sys.executable, str(HERE / "lrs_server.py"), str(port)],
                              env=env, cwd=tmp_path, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    err = server.stderr.read().decode() if server.stderr else ""
                    pytest.fail(f"the LRS did not start: {err[-2000:]}")
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _stored(endpoint: str, sessions: set[str]) -> list[dict[str, Any]]:
    """The LRS's statements of these sessions, following the ``more`` links."""
    found: list[dict[str, Any]] = []
    url: str | None = f"{endpoint}/xAPI/statements?limit=500"
    while url:
        response = requests.get(url, auth=AUTH, headers={"X-Experience-API-Version": "1.0.3"},
                                timeout=30)
        response.raise_for_status()
        body = response.json()
        found.extend(s for s in body["statements"]
                     if s["context"]["registration"] in sessions)
        url = f"{endpoint}{body['more']}" if body.get("more") else None
    return found


Classroom = tuple[Path, list[dict[str, Any]], set[str]]


@pytest.fixture()
def classroom(tmp_path: Path, request: pytest.FixtureRequest) -> Classroom:
    """A small classroom of its own for each test (the seed comes from the test's name)."""
    folder = tmp_path / "sessions"
    seed = sum(request.node.name.encode())
    synthetic.generate(folder, synthetic.Classroom(participants=6, seed=seed, attrition=0.2))
    ds = ingest.ingest(folder)
    return folder, list(xapi.statements(ds)), set(ds.sessions["session_id"])


@pytest.mark.lrs
@pytest.mark.slow
def test_push_round_trips_through_the_lrs(lrs: str, classroom: Classroom,
                                          tmp_path: Path) -> None:
    folder, expected, mine = classroom
    cursor = tmp_path / "cursor.json"
    assert main(["telemetry", "push", str(folder), "--endpoint", lrs, "--auth",
                 "teacher:secret", "--batch", "50", "--cursor", str(cursor), "--quiet"]) == 0
    stored = _stored(lrs, mine)
    assert len(stored) == len(expected)
    assert {s["id"] for s in stored} == {s["id"] for s in expected}
    by_id = {s["id"]: s for s in stored}
    sample = expected[len(expected) // 2]
    assert by_id[sample["id"]]["verb"]["id"] == sample["verb"]["id"]
    assert by_id[sample["id"]]["context"]["registration"] == sample["context"]["registration"]
    # A second push sends nothing new.
    assert main(["telemetry", "push", str(folder), "--endpoint", lrs, "--auth",
                 "teacher:secret", "--cursor", str(cursor), "--quiet"]) == 0
    assert len(_stored(lrs, mine)) == len(expected)


@pytest.mark.lrs
@pytest.mark.slow
def test_killed_push_resumes_without_duplicates(lrs: str, classroom: Classroom,
                                                tmp_path: Path) -> None:
    folder, expected, mine = classroom
    cursor = tmp_path / "cursor.json"
    command = [sys.executable, "-m", "escape_game.cli", "telemetry", "push", str(folder),
               "--endpoint", lrs, "--auth", "teacher:secret", "--batch", "10",
               "--cursor", str(cursor), "--quiet"]
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    done = 0
    while time.monotonic() < deadline and child.poll() is None:
        done = push.read_cursor(cursor, f"{lrs}/xAPI/statements")[0]
        if done >= 10:
            child.kill()
            break
        time.sleep(0.01)
    child.wait()
    assert child.returncode != 0, "the push finished before it could be killed"
    before = len(_stored(lrs, mine))
    assert 10 <= before < len(expected)
    assert main(command[3:]) == 0
    stored = _stored(lrs, mine)
    assert len(stored) == len(expected)
    assert {s["id"] for s in stored} == {s["id"] for s in expected}


@pytest.mark.lrs
@pytest.mark.slow
def test_crash_between_send_and_cursor_counts_conflicts_as_done(
        lrs: str, classroom: Classroom, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    _, expected, mine = classroom
    cursor = tmp_path / "cursor.json"
    config = push.PushConfig(endpoint=lrs, user=AUTH[0], password=AUTH[1], batch=20)
    real_save = push.save_cursor
    calls = []

    def crash_on_second(*args: Any) -> None:
        calls.append(args)
        if len(calls) == 2:
            raise KeyboardInterrupt("power cut after the LRS stored batch 2")
        real_save(*args)

    monkeypatch.setattr(push, "save_cursor", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        push.push(expected, config, cursor)
    monkeypatch.setattr(push, "save_cursor", real_save)
    assert push.read_cursor(cursor, config.statements_url)[0] == 20
    result = push.push(expected, config, cursor)
    assert result.skipped == 20
    assert result.already_there == 20  # batch 2 had reached the LRS before the crash
    stored = _stored(lrs, mine)
    assert len(stored) == len(expected) == result.total
    assert len({s["id"] for s in stored}) == len(stored)


@pytest.mark.lrs
@pytest.mark.slow
def test_transient_failures_are_retried_with_bounded_jittered_backoff(
        lrs: str, classroom: Classroom, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    _, expected, mine = classroom
    real = requests.Session.request
    failures = {"left": 3}

    def flaky(self: requests.Session, method: str, url: str, **kw: Any) -> Any:
        if failures["left"]:
            failures["left"] -= 1
            raise requests.ConnectionError("connection reset by peer")
        return real(self, method, url, **kw)

    monkeypatch.setattr(requests.Session, "request", flaky)
    sleeps: list[float] = []
    config = push.PushConfig(endpoint=lrs, user=AUTH[0], password=AUTH[1], batch=100,
                             backoff_base=0.5, backoff_max=1.5)
    result = push.push(expected[:30], config, tmp_path / "c.json", sleep=sleeps.append, seed=1)
    assert result.retries == 3 and result.sent == 30
    assert len(sleeps) == 3
    assert all(0 <= s <= cap for s, cap in zip(sleeps, (0.5, 1.0, 1.5), strict=True))
    assert len(set(sleeps)) == 3
    assert len(_stored(lrs, mine)) == 30


def test_unreachable_lrs_gives_up_and_keeps_the_cursor(tmp_path: Path) -> None:
    config = push.PushConfig(endpoint=f"http://127.0.0.1:{_free_port()}", user="a",
                             password="b", retries=2, timeout=2)
    cursor = tmp_path / "c.json"
    push.save_cursor(cursor, config.statements_url, 0, None)
    sleeps: list[float] = []
    statements = [{"id": f"00000000-0000-4000-8000-00000000000{i}"} for i in range(3)]
    with pytest.raises(push.PushError, match="failed 3 times"):
        push.push(statements, config, cursor, sleep=sleeps.append)
    assert len(sleeps) == 2
    assert json.loads(cursor.read_text())["done"] == 0


def test_auth_must_have_a_colon() -> None:
    assert push.parse_auth("teacher:se:cret") == ("teacher", "se:cret")
    with pytest.raises(ValueError, match="user:password"):
        push.parse_auth("teacher")
