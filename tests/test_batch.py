"""Batch parsing: the process pool, the input readers, the JSONL/Parquet sinks, resume, the CLI.

Every page here is invented text in the shape of a small news site. Slow, crashing and failing
pages are made with ``marked_parser``, a parser that reacts to a marker comment at the top of
the page (the pool must treat it like any other picklable parser).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsparse import parse
from newsparse.batch import BatchRow, IndexSet, parse_many, parse_page
from newsparse.batch_inputs import JsonlKeys, PageInput, check_sources, iter_pages
from newsparse.batch_outputs import (
    DoneRows,
    ResumeMismatch,
    arrow_schema,
    read_rows,
    scan_jsonl,
)
from newsparse.cli_batch import Progress, Stats, batch_command, pending_pages
from newsparse.models import Article

TOWNS = ["Millbrook", "Ashford", "Kettleby", "Dunmore", "Ravensworth", "Harlow Cross"]
TOPICS = ["the new bus depot", "flood defences", "the library budget", "a school merger"]
# Per-page timeout in the big test: a normal page parses in milliseconds and a huge one in well
# under a second even on a loaded 2-core runner, while slow pages stall for a minute.
TIMEOUT = 2.0


def story(i: int, paragraphs: int = 6) -> str:
    """A small article page: site chrome around a headline and a few paragraphs."""
    town = TOWNS[i % len(TOWNS)]
    topic = TOPICS[i % len(TOPICS)]
    body = "".join(
        f"<p>Councillors in {town} spent the evening of meeting {i} arguing over {topic}; "
        f"speaker {j} said residents had waited long enough for a decision.</p>"
        for j in range(paragraphs)
    )
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{town} council splits over {topic} ({i})</title></head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/local'>Local</a></nav></header>"
        f"<main><article><h1>{town} council splits over {topic} ({i})</h1>{body}</article></main>"
        "<footer><p>The Valley Courier, all rights reserved.</p></footer></body></html>"
    )


def marked_parser(page: PageInput) -> Article:
    """``parse_page``, except for pages whose first bytes carry a marker comment."""
    content = page.load()
    head = content[:40] if isinstance(content, bytes) else content[:40].encode()
    if b"<!-- stuck -->" in head:  # deaf to SIGALRM, like a parser stuck in C code
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    if b"<!-- slow -->" in head:
        time.sleep(60)
    if b"<!-- exit -->" in head:
        os._exit(7)
    if b"<!-- segfault -->" in head:
        os.kill(os.getpid(), signal.SIGSEGV)
    if b"<!-- raise -->" in head:
        raise RuntimeError("a deliberate bug")
    return parse_page(page)


def huge_page(i: int) -> str:
    # ~800 kB in a few very long paragraphs: huge in bytes (what the pool must carry), while the
    # parse stays far below TIMEOUT (the block count, not the byte count, drives parse time).
    clause = "and the budget debate went on past midnight without a vote, "
    return story(i, paragraphs=8).replace("a decision.", "a decision, " + clause * 1700)


def misencoded_page(i: int) -> bytes:
    # Declared Latin-1, actually UTF-8 (the common lie), with accented text throughout.
    text = (
        story(i).replace("utf-8", "iso-8859-1").replace("Councillors", "Ratsmitglieder in Zürich")
    )
    return text.encode("utf-8")


def binary_page(rng: random.Random) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + bytes(rng.randrange(256) for _ in range(3000))


def build_mixed_inputs() -> tuple[list[PageInput], dict[str, str]]:
    """1,000 pages: 95% ordinary, 5% (10 each) empty, binary, huge, mis-encoded and slow."""
    rng = random.Random(20240301)
    positions = list(range(1000))
    rng.shuffle(positions)
    special = {}
    for n, kind in enumerate(["empty", "binary", "huge", "misencoded", "slow"]):
        for position in positions[n * 10 : (n + 1) * 10]:
            special[position] = kind
    pages = []
    kinds = {}
    for i in range(1000):
        kind = special.get(i, "ok")
        data: str | bytes
        if kind == "empty":
            data = b"" if i % 2 else " \n\t  "
        elif kind == "binary":
            data = binary_page(rng)
        elif kind == "huge":
            data = huge_page(i)
        elif kind == "misencoded":
            data = misencoded_page(i)
        elif kind == "slow":
            # Two of the ten ignore the in-worker alarm: the parent must kill and replace them.
            stuck = sum(1 for k in kinds.values() if k == "slow") < 2
            data = ("<!-- stuck -->" if stuck else "<!-- slow -->") + story(i)
        else:
            data = story(i)
        page_id = f"page-{i:04d}"
        pages.append(PageInput(id=page_id, data=data, url=f"https://courier.example/{i}"))
        kinds[page_id] = kind
    return pages, kinds


def test_thousand_mixed_inputs_give_one_row_each_with_the_right_error_kinds() -> None:
    pages, kinds = build_mixed_inputs()
    started = time.monotonic()
    rows = list(parse_many(pages, workers=2, timeout=TIMEOUT, parser=marked_parser))
    elapsed = time.monotonic() - started

    assert len(rows) == 1000
    assert [row.id for row in rows] == [page.id for page in pages]
    assert [row.index for row in rows] == list(range(1000))
    outcome = Counter()
    for row in rows:
        kind = kinds[row.id]
        got = row.error.kind if row.error else None
        outcome[(kind, got)] += 1
        assert (row.article is None) == (row.error is not None)
        if kind == "empty":
            assert got == "empty"
        elif kind == "binary":
            assert got in (None, "empty", "invalid"), row.error
        elif kind == "slow":
            assert got == "timeout"
        else:
            assert got is None, (row.id, row.error)
            assert row.article is not None
            assert row.article.url == row.url
            assert row.article.headline and "council splits" in row.article.headline
    assert outcome[("ok", None)] == 950
    # The two stuck pages were cut off by the parent, which replaced their workers.
    replaced = [row.id for row in rows if row.error and "replaced" in row.error.message]
    assert len(replaced) == 2
    # Ten slow pages at TIMEOUT each spread over two workers: the pool never waits in series.
    assert elapsed < 60


def test_huge_and_misencoded_pages_keep_their_text() -> None:
    pages = [
        PageInput(id="huge", data=huge_page(3)),
        PageInput(id="latin", data=misencoded_page(4)),
    ]
    rows = {row.id: row for row in parse_many(pages, workers=2)}
    assert rows["huge"].article is not None
    assert len(rows["huge"].article.text) > 500_000
    latin = rows["latin"].article
    assert latin is not None
    assert "Zürich" in latin.text  # decoded as UTF-8 despite the Latin-1 label


def test_a_crash_or_a_bug_costs_only_its_own_page() -> None:
    markers = {5: "<!-- exit -->", 17: "<!-- segfault -->", 30: "<!-- raise -->"}
    pages = [markers.get(i, "") + story(i) for i in range(60)]
    rows = list(parse_many(pages, workers=2, parser=marked_parser))
    assert [row.index for row in rows] == list(range(60))
    kinds = {row.index: row.error.kind for row in rows if row.error}
    assert kinds == {5: "crash", 17: "crash", 30: "internal"}
    assert "SIGSEGV" in rows[17].error.message
    assert "exit code 7" in rows[5].error.message
    assert "deliberate" in rows[30].error.message


def test_unordered_rows_cover_every_input_once() -> None:
    pages = [("<!-- slow -->" if i == 3 else "") + story(i) for i in range(120)]
    rows = list(parse_many(pages, workers=2, timeout=1.0, ordered=False, parser=marked_parser))
    assert sorted(row.index for row in rows) == list(range(120))
    # The slow page finishes last-ish, so unordered output cannot be in input order.
    assert [row.index for row in rows] != list(range(120))
    assert rows[[r.index for r in rows].index(3)].error.kind == "timeout"


def test_rows_equal_what_parse_returns() -> None:
    pages = [story(i).encode() for i in range(12)]
    rows = list(parse_many(pages, workers=2))
    for row, data in zip(rows, pages, strict=True):
        assert row.article == parse(data)


def test_an_unpicklable_parser_is_refused_up_front() -> None:
    with pytest.raises(TypeError, match="picklable"):
        list(parse_many(["<p>x</p>"], parser=lambda page: parse(page.load())))


def test_index_set_keeps_a_prefix_and_stragglers() -> None:
    done = IndexSet()
    for index in [0, 1, 3, 5, 2]:
        done.add(index)
    assert done.low == 4
    assert done.above == {5}
    assert 3 in done and 5 in done and 4 not in done
    assert len(done) == 5


# -- readers ---------------------------------------------------------------------------------


def test_directories_are_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / "b" / "two.html").write_text(story(2))
    (tmp_path / "a" / "deep" / "one.htm").write_text(story(1))
    (tmp_path / "a" / "note.txt").write_text("Plain copied text of a story.")
    (tmp_path / "a" / "zipped.html.gz").write_bytes(gzip.compress(story(3).encode()))
    (tmp_path / "a" / "logo.png").write_bytes(b"\x89PNG")
    pages = list(iter_pages([str(tmp_path)]))
    names = [Path(page.id).relative_to(tmp_path).as_posix() for page in pages]
    assert names == ["a/deep/one.htm", "a/note.txt", "a/zipped.html.gz", "b/two.html"]
    assert [page.kind for page in pages] == ["html", "text", "html", "html"]
    assert pages[2].load() == story(3).encode()  # gunzipped on load (in the worker)
    assert all(page.data is None for page in pages)  # paths travel, not contents


def test_text_files_are_parsed_as_copied_text(tmp_path: Path) -> None:
    lines = [
        "Millbrook approves the new bus depot",
        "The council voted on Tuesday to approve the depot after a long debate.",
        "Residents had waited years for a decision on the riverside site.",
    ]
    (tmp_path / "copied.txt").write_text("\n\n".join(lines), encoding="utf-8")
    (row,) = parse_many(iter_pages([str(tmp_path)]), workers=1)
    assert row.error is None and row.article is not None
    assert "voted on Tuesday" in row.article.text


def test_globs_and_bad_sources(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"s{i}.html").write_text(story(i))
    pages = list(iter_pages([str(tmp_path / "s*.html")]))
    assert [Path(page.id).name for page in pages] == ["s0.html", "s1.html", "s2.html"]
    problems = check_sources([str(tmp_path / "missing.html"), str(tmp_path / "*.warc")])
    assert len(problems) == 2


def test_jsonl_keys_are_configurable_and_bad_lines_become_rows(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    lines = [
        json.dumps({"link": "https://courier.example/1", "page": story(1), "key": "k1"}),
        "",
        "{not json",
        json.dumps({"link": "https://courier.example/2", "body": "no page key"}),
        json.dumps({"link": "https://courier.example/3", "page": story(3), "key": 33}),
    ]
    path.write_text("\n".join(lines) + "\n")
    keys = JsonlKeys(html="page", url="link", id="key")
    pages = list(iter_pages([str(path)], jsonl=keys))
    assert [page.id for page in pages] == ["k1", f"{path}:3", f"{path}:4", "33"]
    assert pages[0].url == "https://courier.example/1"
    rows = list(parse_many(pages, workers=1))
    assert [row.error.kind if row.error else None for row in rows] == [
        None,
        "unreadable",
        "unreadable",
        None,
    ]


def _warc_record(record_type: str, record_id: str, url: str, block: bytes, ctype: str) -> bytes:
    head = (
        "WARC/1.0\r\n"
        f"WARC-Type: {record_type}\r\n"
        f"WARC-Record-ID: <urn:uuid:{record_id}>\r\n"
        "WARC-Date: 2024-03-01T10:00:00Z\r\n"
        f"WARC-Target-URI: {url}\r\n"
        f"Content-Type: {ctype}\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    )
    return gzip.compress(head.encode() + block + b"\r\n\r\n")


def _http(status: str, headers: dict[str, str], body: bytes) -> bytes:
    lines = [f"HTTP/1.1 {status}"] + [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def _chunked(body: bytes, size: int = 700) -> bytes:
    parts = [body[i : i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"


def write_test_warc(path: Path) -> None:
    http = "application/http; msgtype=response"
    latin = story(10).replace("utf-8", "windows-1252").replace("Councillors", "Café owners")
    records = [
        (
            "response",
            "a1",
            "https://courier.example/10",
            _http(
                "200 OK",
                {"Content-Type": "text/html; charset=windows-1252"},
                latin.encode("cp1252"),
            ),
        ),
        ("request", "a2", "https://courier.example/11", b"GET /11 HTTP/1.1\r\n\r\n"),
        (
            "response",
            "a3",
            "https://courier.example/11",
            _http(
                "200 OK",
                {"Content-Type": "text/html", "Content-Encoding": "gzip"},
                gzip.compress(story(11).encode()),
            ),
        ),
        (
            "response",
            "a4",
            "https://courier.example/gone",
            _http("404 Not Found", {"Content-Type": "text/html"}, b"<p>gone</p>"),
        ),
        (
            "response",
            "a5",
            "https://courier.example/logo.png",
            _http("200 OK", {"Content-Type": "image/png"}, b"\x89PNG"),
        ),
        (
            "response",
            "a6",
            "https://courier.example/12",
            _http(
                "200 OK",
                {"Content-Type": "text/html; charset=utf-8", "Transfer-Encoding": "chunked"},
                _chunked(story(12).encode()),
            ),
        ),
    ]
    with open(path, "wb") as handle:
        for record_type, record_id, url, block in records:
            ctype = http if record_type == "response" else "application/http; msgtype=request"
            handle.write(_warc_record(record_type, record_id, url, block, ctype))


def test_warc_html_responses_with_url_charset_and_record_id(tmp_path: Path) -> None:
    pytest.importorskip("fastwarc")
    path = tmp_path / "crawl.warc.gz"
    write_test_warc(path)
    pages = list(iter_pages([str(path)]))
    assert [page.id for page in pages] == ["<urn:uuid:a1>", "<urn:uuid:a3>", "<urn:uuid:a6>"]
    assert [page.url for page in pages] == [
        "https://courier.example/10",
        "https://courier.example/11",
        "https://courier.example/12",
    ]
    assert pages[0].charset == "windows-1252"
    assert pages[1].load() == story(11).encode()  # content coding undone
    assert pages[2].load() == story(12).encode()  # transfer coding undone
    rows = list(parse_many(pages, workers=1))
    assert rows[0].article is not None and "Café owners" in rows[0].article.text
    assert all(row.article and row.article.url == row.url for row in rows)


# -- outputs and resume ----------------------------------------------------------------------


def _needs_parquet(name: str) -> None:
    if name.endswith(".parquet"):
        pytest.importorskip("pyarrow")


def test_arrow_schema_follows_the_models() -> None:
    pa = pytest.importorskip("pyarrow")
    schema = arrow_schema()
    assert schema.names == list(BatchRow.model_fields)
    article = schema.field("article").type
    expected = list(Article.model_fields) + list(Article.model_computed_fields)
    assert [article.field(i).name for i in range(article.num_fields)] == expected
    authors = article.field("authors").type
    assert pa.types.is_list(authors) and pa.types.is_struct(authors.value_type)
    assert pa.types.is_timestamp(article.field("published_at").type)
    assert pa.types.is_map(article.field("provenance").type)
    assert not schema.field("id").nullable and schema.field("article").nullable


def test_jsonl_scan_cuts_a_partial_last_line(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    rows = [BatchRow(index=i, id=f"p{i}", error=None) for i in (0, 1, 3)]
    text = "".join(row.model_dump_json() + "\n" for row in rows)
    path.write_text(text + '{"index":2,"id":"p2","ur')
    done = scan_jsonl(path)
    assert path.read_text() == text
    assert done.positions.low == 2 and done.positions.above == {3}
    done.verify(3, "p3")
    with pytest.raises(ResumeMismatch):
        done.verify(1, "another")


def test_pending_pages_skip_done_rows_and_catch_changed_inputs() -> None:
    done = DoneRows.empty()
    for position in (0, 1, 2, 5):
        done.add(position, f"p{position}")
    pages = [PageInput(id=f"p{i}", data="x", size=10) for i in range(7)]
    stats = Stats()
    assert [position for position, _ in pending_pages(pages, done, stats)] == [3, 4, 6]
    assert stats.skipped == 4 and stats.bytes_done == 40
    renamed = [PageInput(id=f"q{i}", data="x") for i in range(7)]
    with pytest.raises(ResumeMismatch):
        list(pending_pages(renamed, done, Stats()))


def _write_site(directory: Path, count: int, paragraphs: int = 6) -> list[str]:
    directory.mkdir()
    for i in range(count):
        (directory / f"story-{i:04d}.html").write_text(story(i, paragraphs))
    return sorted(str(path) for path in directory.iterdir())


def test_parquet_reads_back_as_the_same_records_as_jsonl(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    site = _write_site(tmp_path / "site", 40)
    (tmp_path / "site" / "blank.html").write_text("   ")
    runner = CliRunner()
    for name in ("out.jsonl", "out.parquet"):
        result = runner.invoke(
            batch_command, [str(tmp_path / "site"), "-o", str(tmp_path / name), "-q"]
        )
        assert result.exit_code == 0, result.output
    jsonl = [BatchRow.model_validate(row) for row in read_rows(str(tmp_path / "out.jsonl"))]
    parquet = [BatchRow.model_validate(row) for row in read_rows(str(tmp_path / "out.parquet"))]
    assert len(jsonl) == len(site) + 1
    assert parquet == jsonl
    assert [row.error.kind for row in jsonl if row.error] == ["empty"]
    assert not (tmp_path / "out.parquet.parts").exists()


@pytest.mark.parametrize("name", ["out.jsonl", "out.parquet"])
def test_resuming_a_finished_run_changes_nothing(tmp_path: Path, name: str) -> None:
    _needs_parquet(name)
    _write_site(tmp_path / "site", 12)
    out = str(tmp_path / name)
    runner = CliRunner()
    first = runner.invoke(batch_command, [str(tmp_path / "site"), "-o", out, "-q"])
    assert first.exit_code == 0, first.output
    before = list(read_rows(out))
    again = runner.invoke(batch_command, [str(tmp_path / "site"), "-o", out, "--resume"])
    assert again.exit_code == 0, again.output
    assert "12 already done" in again.output
    assert list(read_rows(out)) == before


def test_cli_refuses_to_clobber_and_reports_a_summary(tmp_path: Path) -> None:
    _write_site(tmp_path / "site", 3)
    out = tmp_path / "out.jsonl"
    out.write_text("precious\n")
    runner = CliRunner()
    result = runner.invoke(batch_command, [str(tmp_path / "site"), "-o", str(out)])
    assert result.exit_code != 0 and "--resume" in result.output
    assert out.read_text() == "precious\n"
    result = runner.invoke(batch_command, [str(tmp_path / "site"), "-o", str(out), "--overwrite"])
    assert result.exit_code == 0
    assert "3 pages" in result.output and "3 ok" in result.output
    assert len(out.read_text().splitlines()) == 3


def test_progress_logs_lines_without_a_terminal_and_nothing_when_quiet(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import newsparse.cli_batch as cli_batch

    monkeypatch.setattr(cli_batch, "LOG_EVERY_SECONDS", 0.0)
    stats = Stats(pages=10, bytes_done=500)
    stats.errors["timeout"] = 2
    stream = io.StringIO()
    Progress(stats, 1000, quiet=False, stream=stream).update()
    assert "10 pages" in stream.getvalue() and "2 errors" in stream.getvalue()
    assert "50% of input" in stream.getvalue()
    quiet = io.StringIO()
    Progress(stats, 1000, quiet=True, stream=quiet).update()
    assert quiet.getvalue() == ""


# A CLI run in its own process, with commits frequent enough that a kill lands mid-run.
_CLI = (
    "import sys\n"
    "import newsparse.batch_outputs as outputs\n"
    "outputs.FLUSH_SECONDS = 0.0\n"
    "outputs.PART_ROWS = 40\n"
    "from newsparse.cli_batch import batch_command\n"
    "batch_command(sys.argv[1:])\n"
)


def _rows_on_disk(out: Path) -> int:
    if out.suffix == ".jsonl":
        return out.read_bytes().count(b"\n") if out.exists() else 0
    parts = Path(str(out) + ".parts")
    return 40 * len(list(parts.glob("part-*.parquet"))) if parts.exists() else 0


@pytest.mark.parametrize("name", ["out.jsonl", "out.parquet"])
def test_sigkill_then_resume_gives_every_row_once(tmp_path: Path, name: str) -> None:
    _needs_parquet(name)
    total = 1000
    site = _write_site(tmp_path / "site", total, paragraphs=20)
    out = tmp_path / name
    command = [sys.executable, "-c", _CLI, str(tmp_path / "site"), "-o", str(out), "-q"]
    command += ["--workers", "2"]
    process = subprocess.Popen(command)
    deadline = time.monotonic() + 60
    while _rows_on_disk(out) < total * 0.3 and process.poll() is None:
        assert time.monotonic() < deadline, "the batch made no progress"
        time.sleep(0.01)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert 0 < _rows_on_disk(out) < total  # really killed half way

    subprocess.run([*command, "--resume"], check=True, timeout=120)
    rows = list(read_rows(str(out)))
    assert [row["index"] for row in rows] == list(range(total))
    assert [row["id"] for row in rows] == site
    assert all(row["error"] is None for row in rows)
    for row in rows[::97]:  # and the records are what parse() says
        expected = parse(Path(row["id"]).read_bytes())
        assert Article.model_validate(row["article"]) == expected
