"""Errors of publishing actions. Each message is in the active language and states what the user should do next, so views show it unchanged."""

from __future__ import annotations

from django.utils.translation import ngettext

from gongkai.core.punctuation import join_list


class PublishingError(Exception):
    """Base of the errors an action raises before it changes anything."""


class NotPermitted(PublishingError):
    """The user may not take this action on this draft or document (wrong agency or role)."""


class InvalidTransition(PublishingError):
    """The draft or document is not in a state that allows this action."""


class InvalidInput(PublishingError):
    """A value given to the action is missing or invalid."""


class BlockingFindings(PublishingError):
    """Publication is stopped by findings that block and have not been overridden."""

    def __init__(self, findings: list[dict]):
        self.findings = findings
        rules = join_list(sorted({finding["rule"] for finding in findings}))
        message = ngettext(
            "{count} blocking finding is unresolved ({rules}): edit the draft and run the review again, "
            "or have the disclosure office override it with a written reason.",
            "{count} blocking findings are unresolved ({rules}): edit the draft and run the review again, "
            "or have the disclosure office override them with written reasons.",
            len(findings),
        )
        super().__init__(message.format(count=len(findings), rules=rules))


class UnconfirmedWarnings(PublishingError):
    """Publication waits for a reviewer to confirm the remaining warnings."""

    def __init__(self, findings: list[dict]):
        self.findings = findings
        message = ngettext(
            "{count} warning awaits a reviewer's confirmation: a reviewer must confirm it before publication.",
            "{count} warnings await a reviewer's confirmation: a reviewer must confirm each of them before publication.",
            len(findings),
        )
        super().__init__(message.format(count=len(findings)))
