"""`gongkai ask "问题"`: answer a question from the library on the command line."""

import json

from django.core.management.base import CommandError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gongkai.assistant.answering import answer
from gongkai.assistant.limits import InvalidQuestion, clean_question
from gongkai.core.commands import TranslatedCommand


class Command(TranslatedCommand):
    help = _("Answer a policy question from the stored documents, with citations (政策问答).")

    def add_arguments(self, parser):
        parser.add_argument("question", help=_("The question, in everyday Chinese."))
        parser.add_argument("--json", action="store_true", help=_("Print the answer as JSON (answer, mode, refused, citations)."))
        parser.add_argument("--extractive", action="store_true", help=_("Do not call the chat model even when one is configured."))

    def handle(self, *args, question, json=False, extractive=False, **options):
        try:
            question = clean_question(question)
        except InvalidQuestion as error:
            raise CommandError(str(error)) from None

        result = answer(question, use_model=not extractive)
        if json:
            self.stdout.write(_dumps(result.as_dict()))
            return

        if result.notice:
            self.stdout.write(result.notice)
        self.stdout.write(result.answer)
        if result.citations:
            self.stdout.write("\n" + gettext("Sources:"))
        for citation in result.citations:
            self.stdout.write(f"[{citation.n}] {citation.quoted_title}{citation.article} {citation.url}")


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
