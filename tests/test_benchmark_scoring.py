"""The benchmark metrics on small hand-made inputs (no benchmark data is read)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from benchmarks.scoring import (
    Counts,
    aggregate_shingles,
    author_counts,
    label_time,
    micro_prf,
    miss_reason,
    normalise_title,
    paragraphs_kept,
    parse_when,
    same_day,
    same_minute,
    shingle_counts,
    shingles,
    snippet_counts,
    title_exact,
    title_token_f1,
    tokenize,
)

# --- shingles -------------------------------------------------------------------------------


def test_tokenize_keeps_unicode_words_and_drops_punctuation() -> None:
    assert tokenize("Straße, Zürich — 2024: naïve!") == ["Straße", "Zürich", "2024", "naïve"]


def test_shingles_are_a_multiset_of_four_token_windows() -> None:
    got = shingles(["a", "b", "c", "d", "a", "b", "c", "d"])
    assert got[("a", "b", "c", "d")] == 2
    assert sum(got.values()) == 5


def test_short_text_is_one_shingle_of_all_its_tokens() -> None:
    assert shingles(["only", "three", "words"]) == {("only", "three", "words"): 1}
    assert shingles([]) == {}


def test_shingle_counts_of_partial_output() -> None:
    truth = "one two three four five six"  # 3 shingles
    pred = "one two three four five seven"  # shares the first 2
    assert shingle_counts(truth, pred) == Counts(tp=2, fp=1, fn=1)


def test_repeated_text_counts_as_false_positive() -> None:
    truth = "alpha beta gamma delta"
    counts = shingle_counts(truth, f"{truth} {truth}")
    assert (counts.tp, counts.fn) == (1, 0)
    assert counts.fp == 4  # the doubled text has 5 shingles, one of them matched


def test_exact_output_scores_one_and_short_texts_can_match() -> None:
    assert shingle_counts("Hi there", "hi there").f1 == 0  # tokens keep their case
    perfect = shingle_counts("Hi there", "Hi, there!")
    assert (perfect.precision, perfect.recall, perfect.f1) == (1.0, 1.0, 1.0)


def test_empty_output_has_zero_recall_and_no_precision() -> None:
    counts = shingle_counts("some real article text here", "")
    assert counts.recall == 0.0
    assert counts.precision is None


def test_both_empty_is_perfect() -> None:
    counts = shingle_counts("", "")
    assert (counts.precision, counts.recall) == (1.0, 1.0)


def test_aggregate_averages_precision_only_over_pages_with_output() -> None:
    pages = [
        Counts(tp=3, fp=1, fn=0),  # P .75 R 1
        Counts(tp=0, fp=0, fn=5),  # empty output: R 0, no precision
    ]
    scores = aggregate_shingles(pages)
    assert scores.precision == pytest.approx(0.75)
    assert scores.recall == pytest.approx(0.5)
    assert scores.f1 == pytest.approx(2 * 0.75 * 0.5 / 1.25)


def test_aggregate_skips_recall_of_pages_that_expect_nothing() -> None:
    scores = aggregate_shingles([Counts(tp=0, fp=4, fn=0), Counts(tp=2, fp=0, fn=2)])
    assert scores.recall == pytest.approx(0.5)
    assert scores.precision == pytest.approx(0.5)


def test_miss_reason_names_the_missed_and_the_extra_text() -> None:
    truth = "The council met on Monday. It voted to close the old bridge for repairs."
    assert miss_reason(truth, "") == "empty output"
    assert miss_reason(truth, "x", error="ValueError: boom") == "error: ValueError: boom"
    missed = miss_reason(truth, "The council met on Monday.")
    assert missed.startswith("low recall: missed 9 of 11 shingles")
    assert "first missed text: 'met on Monday. It voted to close" in missed
    extra = miss_reason(truth, truth + " Subscribe to our newsletter for more news today")
    assert extra.startswith("low precision: 8 of 19 shingles extra")
    assert "extra text: 'bridge for repairs. Subscribe to our" in extra


# --- titles ---------------------------------------------------------------------------------


def test_title_normalisation_unifies_quotes_and_whitespace() -> None:
    assert normalise_title("  „Bridge“\u00a0closes\n ‘soon’ ") == "\"Bridge\" closes 'soon'"
    assert title_exact("«Le pont» ferme", '"Le pont" ferme')
    assert title_exact("Mayor’s plan", "Mayor's  plan")


def test_title_exact_is_case_sensitive_and_needs_a_title() -> None:
    assert not title_exact("Bridge closes", "bridge closes")
    assert not title_exact("Bridge closes", None)
    assert not title_exact("Bridge closes", "Bridge closes | Town Gazette")


def test_title_token_f1_gives_partial_credit() -> None:
    assert title_token_f1("Bridge closes", "bridge closes") == 1.0
    # 2 of 4 predicted words are right, both expected words found: P .5 R 1.
    assert title_token_f1("Bridge closes", "Bridge closes Town Gazette") == pytest.approx(2 / 3)
    assert title_token_f1("Bridge closes", None) == 0.0


# --- authors --------------------------------------------------------------------------------


def test_authors_compare_as_case_insensitive_sets() -> None:
    counts = author_counts(["Ann Lee", "Bo Kim"], ["ann  lee", "ANN LEE", "Town Desk"])
    assert counts == Counts(tp=1, fp=1, fn=1)
    assert author_counts([], None) == Counts(0, 0, 0)


def test_authors_micro_scores_sum_over_pages() -> None:
    scores = micro_prf([Counts(tp=2, fp=0, fn=0), Counts(tp=0, fp=2, fn=2)])
    assert (scores.precision, scores.recall, scores.f1) == (0.5, 0.5, 0.5)
    assert micro_prf([]).f1 == 0.0


# --- dates ----------------------------------------------------------------------------------


def test_parse_when_tells_days_from_datetimes() -> None:
    assert parse_when("2024-03-05") == date(2024, 3, 5)
    assert not isinstance(parse_when("2024-03-05"), datetime)
    parsed = parse_when("2024-03-05T10:20:30Z")
    assert isinstance(parsed, datetime)
    assert parsed.utcoffset() == timedelta(0)
    assert parse_when("no date here") is None
    assert parse_when(None) is None


def test_label_time_treats_naive_midnight_as_day_only() -> None:
    assert label_time("2024-03-05T00:00:00") is None
    assert label_time("2024-03-05") is None
    assert label_time("2024-03-05T00:00:00+00:00") is not None
    assert label_time("2024-03-05T09:00:00") == datetime(2024, 3, 5, 9, 0)


def test_same_day_moves_aware_prediction_into_label_offset() -> None:
    label = "2024-03-05T00:30:00+02:00"
    # 22:30 UTC on the 4th is 00:30 on the 5th in the label's offset.
    assert same_day(label, "2024-03-04T22:30:00+00:00")
    assert same_day(label, "2024-03-05")
    assert not same_day(label, "2024-03-04")
    assert not same_day(label, None)


def test_same_day_takes_naive_and_day_labels_as_given() -> None:
    assert same_day("2024-03-05", "2024-03-05T23:59:00-08:00")
    assert same_day("2024-03-05", datetime(2024, 3, 5, 1, 0))
    assert not same_day("2024-03-05", datetime(2024, 3, 6, 1, 0, tzinfo=timezone.utc))


def test_same_minute_compares_in_utc() -> None:
    label = "2024-03-05T15:59:30+02:00"
    assert same_minute(label, "2024-03-05T13:59:05Z")
    assert same_minute(label, datetime(2024, 3, 5, 15, 59, 59, tzinfo=timezone(timedelta(hours=2))))
    assert not same_minute(label, "2024-03-05T15:59:30+00:00")
    assert not same_minute(label, "2024-03-05T14:00:00+00:00")
    assert not same_minute(label, "2024-03-05")


def test_same_minute_naive_sides_compare_wall_clocks() -> None:
    label = "2024-03-05T15:59:30+02:00"
    assert same_minute(label, datetime(2024, 3, 5, 15, 59))
    assert not same_minute(label, datetime(2024, 3, 5, 13, 59))
    assert same_minute("2024-03-05T09:00:00", "2024-03-05T09:00:00-05:00")


def test_same_minute_is_not_scored_without_a_label_time() -> None:
    assert same_minute("2024-03-05", "2024-03-05T09:00:00Z") is None
    assert same_minute("2024-03-05T00:00:00", "2024-03-05T09:00:00Z") is None


# --- paragraphs -----------------------------------------------------------------------------


def test_paragraphs_kept_counts_exact_blocks_after_whitespace_normalisation() -> None:
    expected = ["First  paragraph\nhere.", "Second paragraph.", "Third.", "  "]
    blocks = ["First paragraph here.", "Second paragraph. Third."]
    assert paragraphs_kept(expected, blocks) == (1, 3)
    assert paragraphs_kept(expected, []) == (0, 3)


# --- body snippets --------------------------------------------------------------------------


def test_snippets_are_found_after_normalising_spaces_and_quotes() -> None:
    body = "The “new”  pier opens\nin June.\n\nTickets cost two pounds."
    got = snippet_counts(body, ['"new" pier opens in June', "costs three pounds"], ["Sign up"])
    assert (got.found, got.missed, got.leaked, got.kept_out) == (1, 1, 0, 1)
    assert got.counts == Counts(tp=1, fp=0, fn=1)


def test_an_excluded_snippet_in_the_body_is_a_leak() -> None:
    got = snippet_counts("Story text. Read more: other story", [], ["Read more:", "Newsletter"])
    assert (got.leaked, got.kept_out) == (1, 1)
