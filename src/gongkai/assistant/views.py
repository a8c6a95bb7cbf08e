"""The 政策问答 page: a form that works without JavaScript, streaming the answer when JavaScript runs."""

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _

from gongkai.api.errors import error_response
from gongkai.assistant import events
from gongkai.assistant.answering import answer
from gongkai.assistant.limits import AskThrottle, InvalidQuestion, clean_question

EXAMPLES = ["网上申请政府信息公开，多久能收到答复？", "个体工商户可以不签劳动合同吗？", "注册商标的有效期是多久？"]


def ask(request):
    """Render the question form and, when a question was sent by GET or POST, the full answer."""
    raw = request.POST.get("q") if request.method == "POST" else request.GET.get("q")
    context = {"question": raw or "", "examples": EXAMPLES, "result": None, "error": "", "max_chars": settings.ASSISTANT["ASK_MAX_CHARS"]}
    status = 200
    if raw is not None:
        throttle = AskThrottle()
        try:
            question = clean_question(raw)
            if not throttle.allow_request(request):
                context["error"] = _("Too many questions from your address. Please wait a minute and ask again.")
                status = 429
            else:
                context["result"] = answer(question)
        except InvalidQuestion as error:
            context["error"] = str(error)
            status = 400
    return render(request, "assistant/ask.html", context, status=status)


def ask_stream(request):
    """Stream the answer to `?q=` as server-sent events (used by the page's script)."""
    throttle = AskThrottle()
    try:
        question = clean_question(request.GET.get("q"))
    except InvalidQuestion as error:
        return error_response(400, "invalid_question", str(error))
    if not throttle.allow_request(request):
        return error_response(429, "rate_limited", _("Too many requests: try again later."))
    return events.response(question)
