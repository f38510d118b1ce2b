"""Site-level URLs of supervision outside the language prefix: the Open311 API."""

urlpatterns: list = []
