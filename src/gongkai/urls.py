from django.contrib import admin
from django.urls import include, path

from gongkai.api.api import api, not_found

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("api/<path:rest>", not_found),
    path("", include("gongkai.portal.urls")),
    path("", include("gongkai.assistant.urls")),
    path("", include("gongkai.publishing.urls")),
    path("", include("gongkai.disclosure.urls")),
]
