"""Django finds the portal's models here. The abstract base page lives in the base layer
(`portal.base.pages`), the home page in the top layer (`portal.home.models`)."""

from portal.home.models import HomePage

__all__ = ["HomePage"]
