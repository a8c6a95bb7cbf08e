"""Language selection: Chinese unless the visitor chose another language on the site."""

from django.conf import settings
from django.utils import translation


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
