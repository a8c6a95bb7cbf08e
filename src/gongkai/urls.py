from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from gongkai.api.api import api, not_found

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("staff/logout/", auth_views.LogoutView.as_view(next_page="portal:home"), name="staff_logout"),
    path("api/", api.urls),
    path("api/<path:rest>", not_found),
    path("", include("gongkai.portal.urls")),
    path("", include("gongkai.assistant.urls")),
    path("", include("gongkai.publishing.urls")),
    path("", include("gongkai.disclosure.urls")),
]
