"""Choices shared by more than one model of supervision."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseKind(models.TextChoices):
    PETITION = "petition", _("信访举报")
    ACCUSATION = "accusation", _("检举控告")
    SUGGESTION = "suggestion", _("意见建议")
