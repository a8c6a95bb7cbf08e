"""Punctuation that follows the active language."""

import pytest

from gongkai.core.punctuation import join_list, labelled, parenthesised
from tests.languages import in_both_languages


@pytest.mark.parametrize(
    ("produce", "english", "chinese"),
    [
        (lambda: join_list(["2025", "2026"]), "2025, 2026", "2025、2026"),
        (lambda: labelled("年份", "2025"), "年份: 2025", "年份：2025"),
        (lambda: "rule" + parenthesised("规章"), "rule (规章)", "rule（规章）"),
    ],
)
def test_punctuation_follows_language(produce, english, chinese):
    assert in_both_languages(produce) == (english, chinese)
