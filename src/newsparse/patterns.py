"""Regular-expression pieces built from the vocabulary tables in ``vocab.py``."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping


def alternation(words: Iterable[str], *, longest_first: bool = False) -> str:
    """An alternation that matches any of ``words`` literally. ``longest_first`` when one word
    starts another and the longer must win ("written by" before "by")."""
    ordered = sorted(words, key=len, reverse=True) if longest_first else words
    return "|".join(re.escape(word) for word in ordered)


def kind_groups(table: Mapping[str, Iterable[str]], *, longest_first: bool = False) -> str:
    """One named group per kind of a vocabulary table, so ``match.lastgroup`` names the kind."""
    return "|".join(
        f"(?P<{kind}>{alternation(words, longest_first=longest_first)})"
        for kind, words in table.items()
    )
