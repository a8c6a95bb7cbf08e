"""Punctuation that follows the active language: 、：（） in Chinese, ", ", ": " and " ()" in English."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import pgettext


def join_list(items: Iterable[object]) -> str:
    """Return the items as an enumeration: 甲、乙、丙 in Chinese, "a, b, c" in English."""
    return pgettext("enumeration", ", ").join(str(item) for item in items)


def labelled(label: object, value: object) -> str:
    """Return "label：value" in Chinese, "label: value" in English."""
    return f"{label}{pgettext('label separator', ': ')}{value}"


def parenthesised(text: object) -> str:
    """Return "（text）" in Chinese, " (text)" in English, to follow the word it explains."""
    return f"{pgettext('opening parenthesis', ' (')}{text}{pgettext('closing parenthesis', ')')}"
