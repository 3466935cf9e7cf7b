"""Argument handling shared by the page strategies."""

from __future__ import annotations

from collections.abc import Iterable

from hypothesis import strategies as st

from newsparse.testing.render import CHROME_KINDS


def choices(value: str | Iterable[str] | None, allowed: tuple[str, ...], what: str) -> list[str]:
    chosen = list(allowed) if value is None else [value] if isinstance(value, str) else list(value)
    unknown = sorted(set(chosen) - set(allowed))
    if unknown or not chosen:
        raise ValueError(f"unknown {what} {unknown}; choose from {list(allowed)}")
    return chosen


@st.composite
def chrome_kinds(draw: st.DrawFn, chrome: bool | Iterable[str] | None) -> frozenset[str]:
    if chrome is None:
        # Each kind on about two pages in three: most pages carry most kinds of furniture.
        return frozenset(
            kind for kind in CHROME_KINDS if draw(st.integers(0, 2), label=f"chrome:{kind}")
        )
    if chrome is True:
        return frozenset(CHROME_KINDS)
    if chrome is False:
        return frozenset()
    return frozenset(choices(chrome, CHROME_KINDS, "chrome kinds"))
