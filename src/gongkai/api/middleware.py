"""The API's error shape for the errors that Django and django-ninja return before any API code runs."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from gongkai.api import errors


class ApiErrorShapeMiddleware:
    """Rewrite HTML error pages under /api/ into the JSON error shape (see `errors`).

    django-ninja returns a plain-text 405 for a request method the path does not accept.
    Any other HTML error page under /api/ (a CSRF 403 from a future view) gets the shape too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/api/") or response.status_code < 400 or response.get("Content-Type", "").startswith("application/json"):
            return response

        if response.status_code == 405:
            allowed = response.get("Allow", "")
            rewritten = errors.error_response(405, "method_not_allowed", _("{path} does not accept {method} requests: use {allowed} instead.").format(path=request.path, method=request.method, allowed=allowed))
            rewritten["Allow"] = allowed
            return rewritten
        if response.status_code == 403:
            return errors.error_response(403, "forbidden", _("{path} refused this {method} request: check the request method and parameters.").format(path=request.path, method=request.method))
        return errors.error_response(response.status_code, "http_error", _("The request for {path} failed (HTTP {status}): check the address and parameters, or try again later.").format(path=request.path, status=response.status_code))
