"""The API's error shape for the errors that Django and django-ninja return before any API code runs."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

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
            rewritten = errors.error_response(405, "method_not_allowed", f"接口 {request.path} 不接受 {request.method} 请求：请改用 {allowed}。")
            rewritten["Allow"] = allowed
            return rewritten
        if response.status_code == 403:
            return errors.error_response(403, "forbidden", f"接口 {request.path} 拒绝了这次 {request.method} 请求：请检查请求方法和参数。")
        return errors.error_response(response.status_code, "http_error", f"请求 {request.path} 失败（HTTP {response.status_code}）：请检查地址和参数，或稍后再试。")
