"""The one JSON error shape of the open API.

Every error, whatever raised it, is returned as
`{"error": {"status": 404, "code": "not_found", "message": "…", "fields": {...}}}`:
`code` is stable for programs, `message` is Chinese for people and says what to do, and
`fields` maps each invalid parameter to its problem (an empty object for other errors).
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
    body = {"status": status, "code": code, "message": message, "fields": fields or {}}
    return JsonResponse({"error": body}, status=status, json_dumps_params={"ensure_ascii": False})


FIELD_MESSAGES = {
    "missing": "必须填写",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "float_parsing": "应为数字",
    "bool_parsing": "应为 true 或 false",
    "date_parsing": "应为日期，格式如 2025-03-31",
    "date_from_datetime_parsing": "应为日期，格式如 2025-03-31",
    "datetime_parsing": "应为时间，格式如 2025-03-31T08:00:00+08:00",
    "datetime_from_date_parsing": "应为时间，格式如 2025-03-31T08:00:00+08:00",
    "greater_than_equal": "不能小于 {ge}",
    "less_than_equal": "不能大于 {le}",
    "string_too_long": "不能超过 {max_length} 个字符",
    "literal_error": "应为以下取值之一：{expected}",
    "enum": "应为以下取值之一：{expected}",
}


def field_message(item: dict) -> str:
    """Return a Chinese description of one pydantic validation error, whose own text is English."""
    template = FIELD_MESSAGES.get(item.get("type", ""), "取值无效")
    context = dict(item.get("ctx", {}))
    if "expected" in context:
        # pydantic lists the choices in English: 'relevance' or 'date'.
        context["expected"] = "、".join(choice.strip(" '\"") for choice in str(context["expected"]).replace(" or ", ",").split(","))
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return template


def _problem(request: HttpRequest, name: str, item: dict) -> str:
    """Return one invalid parameter with the value sent, for the error message."""
    # django-ninja leaves the input out of its errors, so a query parameter's value is read again.
    value = item.get("input", request.GET.get(name))
    if item.get("type") == "missing" or not isinstance(value, (str, int, float)):
        return f"{name} {field_message(item)}"
    return f"{name} 的值“{value}”{field_message(item)}"


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
        problems = "；".join(_problem(request, _field_name(item.get("loc", ())), item) for item in error.errors)
        return error_response(400, "invalid_parameter", f"参数无效：{problems}。请按接口文档 /api/docs 修正后重试。", fields)

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
