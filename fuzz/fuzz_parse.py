"""Fuzz ``parse`` (and ``parse_text`` when it exists).

What counts as a bug: any exception other than ``NewsparseError``; a record that does not
survive a JSON round trip; body text that is not in the page (invented, or out of order).

One command runs it (from the repository root)::

    python fuzz/fuzz_parse.py

With atheris installed (``pip install atheris``) this is a coverage-guided libFuzzer run, seeded
with generated news pages, until it finds a crash; libFuzzer options pass through, e.g.
``python fuzz/fuzz_parse.py -max_total_time=600 -jobs=2``, and a crash is saved as
``crash-<hash>`` (replay: ``python fuzz/fuzz_parse.py crash-<hash>``). Without atheris, or with
``--hypothesis``, it runs a Hypothesis loop over generated, malformed and random pages instead:
``python fuzz/fuzz_parse.py --hypothesis --examples 100000``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

# How many generated pages seed the atheris corpus: enough to cover every template family and
# chrome kind, so the fuzzer starts from realistic structure instead of from empty input.
SEED_PAGES = 60
# Input modes, chosen by the first byte of a fuzz input.
MODES = ("bytes", "text", "parse_text", "in_article")


def _load() -> tuple[Callable[..., Any], Callable[..., Any] | None]:
    import newsparse.api

    return newsparse.api.parse, getattr(newsparse.api, "parse_text", None)


def check(data: str | bytes, mode: str, parse: Callable[..., Any], parse_text: Any) -> None:
    """Run one input through the parser and assert the properties (see the module docstring)."""
    from tests.test_properties import assert_in_order, block_texts, norm, page_text

    from newsparse import Article, NewsparseError

    try:
        if mode == "parse_text":
            if parse_text is None or not isinstance(data, str):
                return
            article = parse_text(data)
        else:
            article = parse(data)
    except NewsparseError:
        return
    assert Article.model_validate_json(article.model_dump_json()) == article
    page = norm(data) if mode == "parse_text" else page_text(data)
    assert_in_order(block_texts(article), page)


def _split(raw: bytes) -> tuple[str, str | bytes]:
    """A fuzz input as (mode, page): the first byte picks the mode."""
    if not raw:
        return "bytes", b""
    mode, payload = MODES[raw[0] % len(MODES)], raw[1:]
    if mode == "bytes":
        return mode, payload
    text = payload.decode("utf-8", "surrogateescape")
    if mode == "in_article":
        return "text", f"<html><body><article><h1>T</h1>{text}</article></body></html>"
    return mode, text


def _seed_corpus(directory: Path) -> None:
    """Write generated pages (one per mode) into ``directory``."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from newsparse.testing import article_pages, malformed_html, text_pages

    pages: list[bytes] = []

    @settings(
        max_examples=SEED_PAGES,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.one_of(article_pages(), text_pages(), malformed_html()))
    def collect(page: Any) -> None:
        if isinstance(page, bytes):
            pages.append(bytes([MODES.index("bytes")]) + page)
        elif isinstance(page, str):
            encoded = page.encode("utf-8", "surrogateescape")
            pages.append(bytes([MODES.index("text")]) + encoded)
        elif page.template == "text":
            pages.append(bytes([MODES.index("parse_text")]) + page[0].encode())
        else:
            pages.append(bytes([MODES.index("text")]) + page[0].encode())

    collect()
    for index, page in enumerate(pages):
        (directory / f"seed-{index:03d}").write_bytes(page)


def run_atheris(argv: list[str]) -> None:
    import atheris

    with atheris.instrument_imports():
        parse, parse_text = _load()

    def test_one_input(raw: bytes) -> None:
        mode, data = _split(raw)
        check(data, mode, parse, parse_text)

    corpus_given = any(not arg.startswith("-") for arg in argv[1:])
    if not corpus_given:
        corpus = Path(tempfile.mkdtemp(prefix="newsparse-fuzz-"))
        _seed_corpus(corpus)
        argv = [*argv, str(corpus)]
        print(f"seed corpus: {corpus}", flush=True)
    atheris.Setup(argv, test_one_input)
    atheris.Fuzz()


def run_hypothesis(examples: int) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from newsparse.testing import article_pages, malformed_html, text_pages

    parse, parse_text = _load()
    pages = st.one_of(
        st.binary().map(lambda data: ("bytes", data)),
        st.text().map(lambda text: ("text", text)),
        malformed_html().map(lambda page: ("bytes" if isinstance(page, bytes) else "text", page)),
        article_pages().map(lambda page: ("text", page[0])),
        text_pages().map(lambda page: ("parse_text", page[0])),
        st.text().map(lambda text: ("parse_text", text)),
    )

    @settings(
        max_examples=examples,
        deadline=None,
        print_blob=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(pages)
    def fuzz(case: tuple[str, str | bytes]) -> None:
        check(case[1], case[0], parse, parse_text)

    fuzz()
    print(f"{examples} examples, no failure", flush=True)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--hypothesis", action="store_true", help="use the Hypothesis loop")
    options.add_argument("--examples", type=int, default=10_000, help="Hypothesis examples")
    known, rest = options.parse_known_args()
    try:
        import atheris  # noqa: F401
    except ImportError:
        known.hypothesis = True
    if known.hypothesis:
        run_hypothesis(known.examples)
    else:
        run_atheris([sys.argv[0], *rest])


if __name__ == "__main__":
    main()
