"""Public pages of supervision under the language prefix (/track/, /en/track/, /statistics/,
/supervised/, /reception/)."""

from django.urls import path

from . import dispatch_views, public_stats, views

urlpatterns = [
    path("track/", views.track, name="track"),
    path("track/rate/", views.track_rate, name="track_rate"),
    path("statistics/", public_stats.statistics_page, name="public_stats"),
    path("supervised/", dispatch_views.supervised_list, name="supervised_list"),
    path("supervised/<int:pk>/", dispatch_views.supervised_detail, name="supervised_detail"),
    path("reception/", dispatch_views.reception_schedule, name="reception_schedule"),
]
