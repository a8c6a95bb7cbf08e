from django.urls import path

from gongkai.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("documents/<int:pk>/", views.document, name="document"),
    path("documents/<int:pk>/original/<int:source_pk>/", views.original, name="original"),
    path("i/<path:index_number>", views.by_index_number, name="by_index_number"),
    path("agencies/<str:code>/", views.agency, name="agency"),
]
