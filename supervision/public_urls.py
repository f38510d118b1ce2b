"""Public pages of supervision under the language prefix (/track/, /en/track/)."""

urlpatterns: list = []
