"""Records written once: history (case events, looks at an identity or a raw value) that no
save, delete or bulk update may change. Abstract, so each app keeps its own tables."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImmutableQuerySet(models.QuerySet):
    """Events are history: nothing updates or deletes them in bulk either."""

    def update(self, **kwargs):
        raise ValidationError(_("%(record)s不能修改。") % {"record": self.model._meta.verbose_name})

    def delete(self):
        raise ValidationError(_("%(record)s不能删除。") % {"record": self.model._meta.verbose_name})


class ImmutableRecord(models.Model):
    """A row of history: written once; `save()` on an existing row, `delete()` and the queryset's
    `update()`/`delete()` all refuse."""

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValidationError(_("%(record)s不能修改。") % {"record": self._meta.verbose_name})
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("%(record)s不能删除。") % {"record": self._meta.verbose_name})
