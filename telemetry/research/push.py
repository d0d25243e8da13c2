"""Send xAPI statements to a Learning Record Store in batches, resumably.

Statements go in order, ``batch`` at a time, as a JSON array POSTed to
``ENDPOINT/xAPI/statements`` with ``X-Experience-API-Version: 1.0.3``. After each batch the
number of statements acknowledged is written (atomically) to a cursor file, so a push that
crashed resumes where it stopped. Statement ids are deterministic, so a batch that reached
the LRS just before a crash comes back as a conflict on the next run: the batch is then sent
one statement at a time with PUT, and "already there" (409, or 204) counts as done.
Connection errors, timeouts and 5xx answers are retried with exponential backoff and full
jitter, a bounded number of times; any other error stops the push with the LRS's message.
"""

from __future__ import annotations

import json
import os
import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import requests

XAPI_VERSION = "1.0.3"


class PushError(RuntimeError):
    """The LRS refused the statements, or stayed unreachable after every retry."""


@dataclass(frozen=True)
class PushConfig:
    endpoint: str
    user: str
    password: str
    batch: int = 100
    retries: int = 6
    backoff_base: float = 0.5
    backoff_max: float = 30.0
    timeout: float = 30.0

    @property
    def statements_url(self) -> str:
        base = self.endpoint.rstrip("/")
        return base if base.endswith("/xAPI/statements") else f"{base}/xAPI/statements"


@dataclass
class PushResult:
    sent: int = 0
    skipped: int = 0
    already_there: int = 0
    batches: int = 0
    retries: int = 0
    total: int = 0
    notes: list[str] = field(default_factory=list)


def parse_auth(text: str) -> tuple[str, str]:
    user, sep, password = text.partition(":")
    if not sep or not user:
        raise ValueError("--auth must look like user:password")
    return user, password


def read_cursor(path: Path, endpoint: str) -> tuple[int, str | None]:
    """(statements already acknowledged, id of the last one), or (0, None) for a fresh push."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return 0, None
    if data.get("endpoint") != endpoint:
        return 0, None
    return int(data.get("done", 0)), data.get("last_id")


def save_cursor(path: Path, endpoint: str, done: int, last_id: str | None) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({"endpoint": endpoint, "done": done, "last_id": last_id}),
                   encoding="utf-8")
    os.replace(tmp, path)


def _batches(items: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    while chunk := list(islice(items, size)):
        yield chunk


def _stored_ids(response: requests.Response, default: int) -> int:
    """How many ids the LRS says it stored: the ids it returns (an LRS such as Ralph leaves
    out the statements it already holds, and answers 204 when it held them all)."""
    if response.status_code == 204:
        return 0
    try:
        ids = response.json()
    except ValueError:
        return default
    return len(ids) if isinstance(ids, list) else default


class _Client:
    def __init__(self, config: PushConfig, sleep: Callable[[float], None],
                 rng: random.Random, result: PushResult) -> None:
        self.config = config
        self.session = requests.Session()
        self.session.auth = (config.user, config.password)
        self.session.headers.update({"X-Experience-API-Version": XAPI_VERSION,
                                     "Content-Type": "application/json"})
        self.sleep = sleep
        self.rng = rng
        self.result = result

    def send(self, method: str, body: Any, params: dict[str, str] | None = None
             ) -> requests.Response:
        """One request, retried on connection errors, timeouts and 5xx."""
        last: str = ""
        for attempt in range(self.config.retries + 1):
            try:
                response = self.session.request(
                    method, self.config.statements_url, data=json.dumps(body), params=params,
                    timeout=self.config.timeout)
            except (requests.ConnectionError, requests.Timeout) as error:
                last = f"{type(error).__name__}: {error}"
            else:
                if response.status_code < 500:
                    return response
                last = f"HTTP {response.status_code}: {response.text[:300]}"
            if attempt < self.config.retries:
                self.result.retries += 1
                cap = min(self.config.backoff_max, self.config.backoff_base * 2**attempt)
                self.sleep(self.rng.uniform(0, cap))
        raise PushError(f"the LRS at {self.config.statements_url} failed "
                        f"{self.config.retries + 1} times; last error: {last}")

    def post_batch(self, batch: list[dict[str, Any]]) -> int:
        """Statements of the batch newly stored (the rest were already there)."""
        response = self.send("POST", batch)
        if response.status_code in (200, 204):
            stored = _stored_ids(response, len(batch))
            self.result.already_there += len(batch) - stored
            return stored
        if response.status_code == 409:
            return self._one_by_one(batch)
        raise PushError(f"the LRS refused a batch: HTTP {response.status_code}: "
                        f"{response.text[:500]}")

    def _one_by_one(self, batch: list[dict[str, Any]]) -> int:
        stored = 0
        for statement in batch:
            response = self.send("PUT", statement, params={"statementId": statement["id"]})
            if response.status_code in (200, 204):
                stored += 1
            elif response.status_code == 409:
                self.result.already_there += 1
            else:
                raise PushError(f"the LRS refused statement {statement['id']}: HTTP "
                                f"{response.status_code}: {response.text[:500]}")
        return stored


def push(statements: Iterable[dict[str, Any]], config: PushConfig, cursor: Path, *,
         progress: Callable[[int], None] | None = None,
         sleep: Callable[[float], None] = time.sleep, seed: int | None = None) -> PushResult:
    """Send the statements not yet acknowledged according to ``cursor``; see module doc."""
    result = PushResult()
    client = _Client(config, sleep, random.Random(seed), result)
    done, last_id = read_cursor(cursor, config.statements_url)
    items = iter(statements)
    if done:
        skipped = list(islice(items, done))
        if len(skipped) < done or skipped[-1].get("id") != last_id:
            result.notes.append("the statements changed since the last push: starting over "
                                "(statements already stored count as done)")
            items = iter([*skipped, *items])
            done = 0
        else:
            result.skipped = done
            if progress:
                progress(done)
    for batch in _batches(items, max(1, config.batch)):
        result.sent += client.post_batch(batch)
        result.batches += 1
        done += len(batch)
        save_cursor(cursor, config.statements_url, done, str(batch[-1].get("id")))
        if progress:
            progress(len(batch))
    result.total = done
    return result
