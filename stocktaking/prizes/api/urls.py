from django.urls import include, path
from rest_framework.routers import DefaultRouter

from stocktaking.prizes.api import views

# The API's one root view is the core's, at /api/v1/.
router = DefaultRouter()
router.include_root_view = False
router.register("contests", views.ContestViewSet, basename="prize-contest")
router.register("votes", views.VoteViewSet, basename="prize-vote")

contest_router = DefaultRouter()
contest_router.include_root_view = False
contest_router.register("categories", views.CategoryViewSet, basename="prize-category")
contest_router.register("nominees", views.NomineeViewSet, basename="prize-nominee")
contest_router.register("results", views.ResultViewSet, basename="prize-result")

urlpatterns = [
    path("contests/<int:contest_year>/", include(contest_router.urls)),
    *router.urls,
]
