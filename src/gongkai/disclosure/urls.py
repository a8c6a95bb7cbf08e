from django.contrib.auth import views as auth_views
from django.urls import path

from gongkai.disclosure import views

app_name = "disclosure"

urlpatterns = [
    path("requests/new/", views.new_request, name="new"),
    path("requests/receipt/", views.receipt, name="receipt"),
    path("requests/status/", views.status_lookup, name="status"),
    path("staff/login/", auth_views.LoginView.as_view(template_name="disclosure/staff/login.html"), name="login"),
    path("staff/requests/", views.request_list, name="list"),
    path("staff/requests/register/", views.register, name="register"),
    path("staff/requests/<int:pk>/", views.request_detail, name="detail"),
    path("staff/requests/<int:pk>/actions/<slug:name>/", views.request_action, name="action"),
    path(
        "staff/requests/<int:pk>/letters/<int:letter_pk>.<str:file_format>",
        views.letter_file,
        name="letter_file",
    ),
]
