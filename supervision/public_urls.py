"""Public pages of supervision under the language prefix (/track/, /en/track/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("track/", views.track, name="track"),
    path("track/rate/", views.track_rate, name="track_rate"),
]
