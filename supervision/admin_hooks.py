"""Supervision's admin: case list and page, intake for stations and petition offices, Open311
partners, the identity-access log (filled in by issue 8)."""
