from django.urls import path

from gongkai.assistant import views

app_name = "assistant"

urlpatterns = [
    path("问答", views.ask, name="ask_zh"),
    path("ask/", views.ask, name="ask"),
    path("ask/stream", views.ask_stream, name="ask_stream"),
]
