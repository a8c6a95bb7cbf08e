"""A helper shared by the tests of translated messages."""

from django.utils import translation


def in_both_languages(produce) -> tuple[str, str]:
    """Return what `produce()` gives in English and in Chinese."""
    with translation.override("en"):
        english = produce()
    with translation.override("zh-hans"):
        chinese = produce()
    return english, chinese
