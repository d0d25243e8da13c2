"""Layout accidents: the explanation never gets in the way of the real problem."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from escape_game.loading.accidents import Mark, cut_by_comments, explain, missing_dashes


@given(st.text(alphabet=" \t-:#\n\u00a0“”abc12,", max_size=200),
       st.integers(0, 20), st.integers(0, 40), st.integers(0, 20), st.integers(0, 40),
       st.sampled_from(["could not find expected ':'", "expected <block end>, but found x",
                        "mapping values are not allowed here", "did not find expected key"]))
def test_explain_never_raises_and_points_inside_the_text(
        text: str, line: int, column: int, cline: int, ccol: int, problem: str) -> None:
    found = explain(text, problem, Mark(line, column), "while scanning", Mark(cline, ccol))
    if found is not None:
        assert 1 <= found.line <= len(text.split("\n"))
        assert found.column >= 1 and found.message


def test_a_no_break_space_inside_a_text_is_not_blamed() -> None:
    text = "title: 10\u00a0€ de plus\nrooms:\n  - id: a\n   b: c\n"
    found = explain(text, "expected <block end>, but found '<block mapping start>'",
                    Mark(3, 3), "while parsing a block collection", Mark(2, 2))
    assert found is not None and found.code == "indentation"


def test_a_repeated_key_that_is_not_an_id_keeps_the_plain_message() -> None:
    lines = ["rooms:", "  - id: a", "    title: A", "    title: B"]
    (only,) = missing_dashes(lines, [(4, 5, "title")])
    assert only.code == "duplicate_key" and "appears twice" in only.message


def test_two_forgotten_dashes_give_two_messages() -> None:
    lines = ["objects:", "  - id: a", "    name: A", "    id: b", "    name: B",
             "    id: c", "    name: C"]
    found = missing_dashes(lines, [(4, 5, "id"), (5, 5, "name"), (6, 5, "id"), (7, 5, "name")])
    assert [(a.line, a.code) for a in found] == [(4, "missing_dash"), (6, "missing_dash")]


def test_a_repeated_key_names_the_line_of_the_first_one() -> None:
    lines = ["rooms:", "  - id: a", "    title: A", "    objects:", "      - id: lamp",
             "        title: Lamp", "    title: B"]
    (only,) = missing_dashes(lines, [(7, 5, "title")])
    assert "(the first 'title' is on line 3)" in only.message
    assert (only.line, only.column) == (7, 5)


def test_a_repeated_key_after_the_dash_names_the_dash_line() -> None:
    lines = ["rooms:", "  - title: A", "    id: a", "    title: B"]
    (only,) = missing_dashes(lines, [(4, 5, "title")])
    assert "(the first 'title' is on line 2)" in only.message


def test_a_text_cut_by_a_hash_is_found_where_the_hash_is() -> None:
    text = "rooms:\n  - id: a\n    title: Prix #1\n    description: Desk  # a comment\n"
    (only,) = cut_by_comments(text)
    assert (only.line, only.column) == (3, 17)
    assert 'put the text in quotes: title: "Prix #1"' in only.message


@given(st.text(alphabet=" \t-:#\n\"'abc1", max_size=200))
def test_cut_texts_point_at_a_hash_after_a_space(text: str) -> None:
    lines = text.split("\n")
    for cut in cut_by_comments(text):
        assert lines[cut.line - 1][cut.column - 2:cut.column] == " #"


def test_comments_and_quoted_texts_are_left_alone() -> None:
    text = ('title: Hall   # where it starts\nname: "Prix #1"\nbrand: Prix#1\n'
            "# a comment #1\nslogan: 'Top #1'\n")
    assert cut_by_comments(text) == []
