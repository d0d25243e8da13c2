"""The command line: a missing research extra is explained, never a traceback."""

from __future__ import annotations

import argparse

import pytest

from escape_game import cli


def _parser_with(handler: object) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser()
    parser.set_defaults(handler=handler)
    return parser


def test_a_missing_research_library_is_explained(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    def needs_pandas(args: argparse.Namespace) -> int:
        raise ModuleNotFoundError("No module named 'pandas'", name="pandas")

    monkeypatch.setattr(cli, "build_parser", lambda: _parser_with(needs_pandas))
    assert cli.main([]) == cli.USAGE_ERROR
    err = capsys.readouterr().err
    assert "pandas is missing" in err and ".[research]" in err


def test_any_other_missing_module_is_a_real_error(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(args: argparse.Namespace) -> int:
        raise ModuleNotFoundError("No module named 'escape_game.nothing'",
                                  name="escape_game.nothing")

    monkeypatch.setattr(cli, "build_parser", lambda: _parser_with(broken))
    with pytest.raises(ModuleNotFoundError):
        cli.main([])
