"""The newsparse command line."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsparse.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "article.html"


def test_parse_example_prints_record() -> None:
    result = CliRunner().invoke(main, ["parse", str(EXAMPLE), "--url", "https://x.test/a"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["url"] == "https://x.test/a"
    assert record["headline"]
    assert len(record["body"]) >= 3


def test_parse_reads_stdin() -> None:
    page = "<html><body><article><h1>Short note</h1><p>" + "Words here. " * 30 + "</p></article>"
    result = CliRunner().invoke(main, ["parse", "-", "--indent", "0"], input=page)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["headline"] == "Short note"


def test_missing_file_exits_1_with_message() -> None:
    result = CliRunner().invoke(main, ["parse", "/nonexistent/page.html"])
    assert result.exit_code == 1
    assert "cannot read" in result.output


def test_empty_input_exits_1() -> None:
    result = CliRunner().invoke(main, ["parse", "-"], input="   ")
    assert result.exit_code == 1
    assert "empty" in result.output


def test_schema_command() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert "headline" in json.loads(result.output)["properties"]


def test_help_explains_commands() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "parse" in result.output and "schema" in result.output


def test_parse_detects_plain_text(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "Harbor ferry returns\n\nBy Mara Quill and Ivo Brandt\n\n"
        "The harbor ferry made its first crossing in two years on Monday, carrying passengers.\n"
    )
    result = CliRunner().invoke(main, ["parse", str(page)])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["headline"] == "Harbor ferry returns"
    assert [a["name"] for a in record["authors"]] == ["Mara Quill", "Ivo Brandt"]


def test_text_flag_forces_plain_text() -> None:
    page = (
        "<html><body><h1>Real title</h1>"
        "<p>Some paragraph words here, long enough to count as the body text.</p></body></html>"
    )
    as_html = CliRunner().invoke(main, ["parse", "-"], input=page)
    as_text = CliRunner().invoke(main, ["parse", "-", "--text"], input=page)
    assert as_html.exit_code == 0 and as_text.exit_code == 0
    assert json.loads(as_html.output)["headline"] == "Real title"
    assert "<h1>" in json.loads(as_text.output)["text"] + str(
        json.loads(as_text.output)["headline"]
    )


def test_charset_option_decodes_a_text_page(tmp_path: Path) -> None:
    # In KOI8-R these bytes mean nothing in UTF-8 or cp1252; only the given charset reads them.
    page = tmp_path / "page.txt"
    page.write_bytes(
        "Паром вернулся в гавань\n\nАвтор: Мара Квилл\n\n"
        "Паром совершил первый рейс за два года в понедельник, перевезя пассажиров.\n".encode(
            "koi8-r"
        )
    )
    result = CliRunner().invoke(main, ["parse", str(page), "--text", "--charset", "koi8-r"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["headline"] == "Паром вернулся в гавань"
    assert record["encoding"] == "koi8-r"
