"""Counterbalancing: which quiz form comes first, and which study condition, for a player.

The choice is a hash of the campaign id, the player code and the session seed, so it is
deterministic (a replay or an audit gets the same answer) and uniform: over many seeds about
half of the players take the forms in swapped order.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from escape_game.model import Campaign


@dataclass(frozen=True, slots=True)
class Assignment:
    pre_form: str | None
    post_form: str | None
    condition: str | None


def _draw(campaign: Campaign, player_code: str, seed: int, purpose: str) -> int:
    key = f"{purpose}\x00{campaign.id}\x00{player_code}\x00{seed}".encode()
    return int.from_bytes(hashlib.sha256(key).digest()[:8], "big")


def assign(campaign: Campaign, player_code: str, seed: int) -> Assignment:
    """Forms per the campaign's quiz plan (swapped for half when counterbalanced) + condition."""
    pre = post = condition = None
    plan = campaign.quizzes
    if plan is not None:
        pre, post = plan.pre, plan.post
        if plan.counterbalance and pre != post and _draw(campaign, player_code, seed, "forms") % 2:
            pre, post = post, pre
    conditions = campaign.study.conditions if campaign.study is not None else ()
    if conditions:
        index = _draw(campaign, player_code, seed, "condition") % len(conditions)
        condition = conditions[index].id
    return Assignment(pre_form=pre, post_form=post, condition=condition)
