from rest_framework.routers import SimpleRouter

from evidence.api import views

router = SimpleRouter()
router.register("study-questions", views.StudyGroupQuestionViewSet, basename="study-question")
router.register("repositories", views.ThematicRepositoryViewSet, basename="repository")
router.register("citations", views.CitationViewSet, basename="citation")
router.register("links/entry-sessions", views.EntrySessionLinkViewSet, basename="entry-session")
router.register("links/outcome-entries", views.OutcomeEntryLinkViewSet, basename="outcome-entry")
router.register("links/outcome-clauses", views.OutcomeClauseLinkViewSet, basename="outcome-clause")

urlpatterns = router.urls
