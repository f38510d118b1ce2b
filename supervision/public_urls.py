"""Public pages of supervision under the language prefix (/track/, /en/track/, /statistics/)."""

from django.urls import path

from . import public_stats, views

urlpatterns = [
    path("track/", views.track, name="track"),
    path("track/rate/", views.track_rate, name="track_rate"),
    path("statistics/", public_stats.statistics_page, name="public_stats"),
]
