"""Language selection: Chinese unless the visitor chose another language on the site."""

import logging
import time

from django.conf import settings
from django.utils import translation

request_logger = logging.getLogger("gongkai.requests")


class LanguageMiddleware:
    """Activate the language chosen with Django's set_language view, else LANGUAGE_CODE.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language header: the
    portal serves a Chinese audience, and a browser set to English should still see the official
    Chinese text unless its user picks English on the page.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language

        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class RequestLogMiddleware:
    """Log one structured line per request: method, path, status, duration and size.

    The query string is left out because it can carry personal data (a disclosure request's
    contact details on the status page), and so is the client address.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = (time.perf_counter() - started) * 1000

        size = len(response.content) if not response.streaming else -1
        request_logger.info(
            "request method=%s path=%s status=%s duration_ms=%.1f bytes=%s",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            size,
        )
        return response
