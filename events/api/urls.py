"""/api/v1/events/: events ("" and {id}/sessions/) and sessions/; /api/v1/outcomes/: published
outcome documents and /api/v1/commitments/: their commitments (mounted by wsis/urls.py from
`outcome_urlpatterns` and `commitment_urlpatterns`)."""

from rest_framework.routers import SimpleRouter

from events.api import views

router = SimpleRouter()
router.register("sessions", views.SessionViewSet, basename="event-session")
router.register("", views.EventViewSet, basename="event")

urlpatterns = router.urls

outcome_router = SimpleRouter()
outcome_router.register("", views.OutcomeViewSet, basename="event-outcome")

outcome_urlpatterns = outcome_router.urls

commitment_router = SimpleRouter()
commitment_router.register("", views.CommitmentViewSet, basename="event-commitment")

commitment_urlpatterns = commitment_router.urls
