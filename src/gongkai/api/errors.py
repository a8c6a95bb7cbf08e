"""The one JSON error shape of the open API.

Every error, whatever raised it, is returned as
`{"error": {"status": 404, "code": "not_found", "message": "…", "fields": {...}}}`:
`code` is stable for programs, `message` is for people, in the page language (Chinese by default), and says what to do, and
`fields` maps each invalid parameter to its problem (an empty object for other errors).
"""

from __future__ import annotations

import logging

from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from gongkai.core.punctuation import join_list

logger = logging.getLogger(__name__)


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, fields: dict | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields


def error_response(status: int, code: str, message: str, fields: dict | None = None) -> JsonResponse:
    body = {"status": status, "code": code, "message": message, "fields": fields or {}}
    return JsonResponse({"error": body}, status=status, json_dumps_params={"ensure_ascii": False})


DATE_EXPECTED = _("must be a date such as 2025-03-31")
DATETIME_EXPECTED = _("must be a time such as 2025-03-31T08:00:00+08:00")
CHOICE_EXPECTED = _("must be one of: {expected}")

FIELD_MESSAGES = {
    "missing": _("is required"),
    "int_parsing": _("must be a whole number"),
    "int_type": _("must be a whole number"),
    "float_parsing": _("must be a number"),
    "bool_parsing": _("must be true or false"),
    "date_parsing": DATE_EXPECTED,
    "date_from_datetime_parsing": DATE_EXPECTED,
    "datetime_parsing": DATETIME_EXPECTED,
    "datetime_from_date_parsing": DATETIME_EXPECTED,
    "greater_than_equal": _("must not be less than {ge}"),
    "less_than_equal": _("must not be greater than {le}"),
    "string_too_long": _("must not be longer than {max_length} characters"),
    "literal_error": CHOICE_EXPECTED,
    "enum": CHOICE_EXPECTED,
}


def field_message(item: dict) -> str:
    """Return one pydantic validation error in the active language (pydantic's own text is always English)."""
    template = str(FIELD_MESSAGES.get(item.get("type", ""), _("is not valid")))
    context = dict(item.get("ctx", {}))
    if "expected" in context:
        # pydantic lists the choices in English: 'relevance' or 'date'.
        context["expected"] = join_list(choice.strip(" '\"") for choice in str(context["expected"]).replace(" or ", ",").split(","))
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return template


def _problem(request: HttpRequest, name: str, item: dict) -> str:
    """Return one invalid parameter with the value sent, for the error message."""
    # django-ninja leaves the input out of its errors, so a query parameter's value is read again.
    value = item.get("input", request.GET.get(name))
    if item.get("type") == "missing" or not isinstance(value, (str, int, float)):
        return gettext("{name} {problem}").format(name=name, problem=field_message(item))
    return gettext("{name}: the value “{value}” {problem}").format(name=name, value=value, problem=field_message(item))


def _field_name(location: tuple) -> str:
    parts = [str(part) for part in location if part not in ("query", "path", "body")]
    return ".".join(parts) or "request"


def install(api: NinjaAPI) -> None:
    """Route every exception the API can raise to `error_response`."""

    @api.exception_handler(ApiError)
    def api_error(request: HttpRequest, error: ApiError):
        return error_response(error.status, error.code, error.message, error.fields)

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, error: ValidationError):
        fields = {_field_name(item.get("loc", ())): field_message(item) for item in error.errors}
        problems = gettext("; ").join(_problem(request, _field_name(item.get("loc", ())), item) for item in error.errors)
        return error_response(400, "invalid_parameter", gettext("Invalid parameters: {problems}. Correct them as the API documentation at /api/docs describes and try again.").format(problems=problems), fields)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, error: Http404):
        return error_response(404, "not_found", gettext("The requested resource was not found: check the id or index number in the address."))

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, error: Throttled):
        response = error_response(429, "rate_limited", gettext("Too many requests: try again later."))
        if error.wait:
            response["Retry-After"] = str(int(error.wait) + 1)
        return response

    @api.exception_handler(AuthenticationError)
    def unauthorised(request: HttpRequest, error: AuthenticationError):
        return error_response(401, "unauthorised", gettext("You must log in to access this."))

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, error: HttpError):
        return error_response(error.status_code, "http_error", str(error))

    @api.exception_handler(Exception)
    def unexpected(request: HttpRequest, error: Exception):
        logger.exception("API error path=%s", request.path)
        return error_response(500, "server_error", gettext("Internal server error: try again later; if the problem persists, contact the site administrator."))
