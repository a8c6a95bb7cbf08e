from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from gongkai.publishing import views

app_name = "publishing"

urlpatterns = [
    path("publishing/", views.drafts, name="drafts"),
    path("publishing/drafts/new/", views.new_draft, name="new_draft"),
    path("publishing/drafts/<int:pk>/", views.draft_detail, name="draft"),
    path("publishing/drafts/<int:pk>/edit/", views.edit_draft, name="edit_draft"),
    path("publishing/drafts/<int:pk>/disclosure/", views.decide_disclosure, name="decide_disclosure"),
    path("publishing/drafts/<int:pk>/check/", views.run_checks, name="run_checks"),
    path("publishing/drafts/<int:pk>/findings/<str:key>/confirm/", views.confirm_warning, name="confirm_warning"),
    path("publishing/drafts/<int:pk>/findings/confirm-all/", views.confirm_all_warnings, name="confirm_all_warnings"),
    path("publishing/drafts/<int:pk>/findings/<str:key>/override/", views.override_finding, name="override_finding"),
    path("publishing/drafts/<int:pk>/interprets/", views.set_interpreted_policy, name="set_interpreted_policy"),
    path("publishing/drafts/<int:pk>/publish/", views.publish, name="publish"),
    path("publishing/drafts/<int:pk>/schedule/", views.schedule, name="schedule"),
    path("publishing/drafts/<int:pk>/unschedule/", views.cancel_schedule, name="cancel_schedule"),
    path("publishing/documents/", views.documents, name="documents"),
    path("publishing/documents/<int:pk>/", views.document_detail, name="document"),
    path("publishing/documents/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("publishing/documents/<int:pk>/validity/", views.change_validity, name="change_validity"),
    path("topics/<slug:slug>/", views.topic, name="topic"),
    path("services/<int:pk>/", views.service, name="service"),
    path("verify/", views.verify, name="verify"),
    # The API is called by scripts without a session, and it changes nothing.
    path("verify/api/", csrf_exempt(views.verify_api), name="verify_api"),
]
