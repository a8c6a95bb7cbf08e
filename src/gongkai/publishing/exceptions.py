"""Errors of publishing actions. Each message is Chinese and tells the user what to do next, and views show it as is."""

from __future__ import annotations


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
        rules = "、".join(sorted({finding["rule"] for finding in findings}))
        super().__init__(f"有 {len(findings)} 项阻断发布的问题尚未解决（{rules}）：请修改稿件后重新审查，或由公开办书面说明理由后放行。")


class UnconfirmedWarnings(PublishingError):
    """Publication waits for a reviewer to confirm the remaining warnings."""

    def __init__(self, findings: list[dict]):
        self.findings = findings
        super().__init__(f"有 {len(findings)} 项警告尚待审核人确认：请审核人逐项确认后再发布。")
