"""The one JSON error shape of the open API.

Every error, whatever raised it, is returned as
`{"error": {"status": 404, "code": "not_found", "message": "…", "fields": {...}}}`:
`code` is stable for programs, `message` is Chinese for people and says what to do,
`fields` (only for invalid parameters) maps each parameter to its problem.
"""

from __future__ import annotations

import logging

from django.http import Http404, HttpRequest, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

logger = logging.getLogger(__name__)


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, fields: dict | None = None):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields


def error_response(status: int, code: str, message: str, fields: dict | None = None) -> JsonResponse:
    body = {"status": status, "code": code, "message": message}
    if fields:
        body["fields"] = fields
    return JsonResponse({"error": body}, status=status, json_dumps_params={"ensure_ascii": False})


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
        fields = {_field_name(item.get("loc", ())): item.get("msg", "") for item in error.errors}
        names = "、".join(fields)
        return error_response(400, "invalid_parameter", f"参数无效：{names}。请按接口文档 /api/docs 修正后重试。", fields)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, error: Http404):
        return error_response(404, "not_found", "找不到请求的资源：请检查地址中的编号或索引号。")

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, error: Throttled):
        response = error_response(429, "rate_limited", "请求过于频繁：请稍后再试。")
        if error.wait:
            response["Retry-After"] = str(int(error.wait) + 1)
        return response

    @api.exception_handler(AuthenticationError)
    def unauthorised(request: HttpRequest, error: AuthenticationError):
        return error_response(401, "unauthorised", "需要登录后才能访问。")

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, error: HttpError):
        return error_response(error.status_code, "http_error", str(error))

    @api.exception_handler(Exception)
    def unexpected(request: HttpRequest, error: Exception):
        logger.exception("API error path=%s", request.path)
        return error_response(500, "server_error", "服务器内部错误：请稍后再试；如果问题持续，请联系网站管理员。")
