"""The official working-day calendar (法定节假日和调休安排), as data staff extend.

Deadlines counted in working days (工作日) follow the State Council's yearly schedule: public
holidays off, and some weekend days worked instead (调休上班). The schedule for a year is published
each November or December, so it is data, not code: seeded from chinese-calendar (which knows
years up to 2026), and a year is added in the admin (设置 → 节假日安排) when its notice appears.
A year without a schedule is counted on weekends alone and every deadline in it says 暂定
(supervision/services/workdays.py).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel


class WorkCalendarYear(ClusterableModel):
    year = models.PositiveSmallIntegerField(_("年份"), unique=True)
    source = models.CharField(
        _("依据"),
        max_length=200,
        help_text=_("例如：国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕×号）"),
    )

    panels = [
        FieldPanel("year"),
        FieldPanel("source"),
        InlinePanel("days", heading=_("放假和调休上班的日期"), label=_("日期")),
    ]

    class Meta:
        ordering = ["-year"]
        verbose_name = _("节假日安排")
        verbose_name_plural = _("节假日安排")

    def __str__(self):
        return _("%(year)s年节假日安排") % {"year": self.year}

    def clean(self):
        if self.year is not None and not 2000 <= self.year <= 2100:
            raise ValidationError({"year": _("请填写 2000 到 2100 之间的年份。")})


class WorkCalendarDay(models.Model):
    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("放假")
        WORKDAY = "workday", _("调休上班")

    calendar = ParentalKey(WorkCalendarYear, on_delete=models.CASCADE, related_name="days")
    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    name = models.CharField(_("节日"), max_length=40, blank=True, help_text=_("例如：春节"))

    panels = [FieldPanel("date"), FieldPanel("kind"), FieldPanel("name")]

    class Meta:
        ordering = ["date"]
        verbose_name = _("放假或调休日期")
        verbose_name_plural = _("放假或调休日期")

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.get_kind_display()} {self.name}".strip()

    def clean(self):
        if self.date and self.calendar_id and self.date.year != self.calendar.year:
            raise ValidationError({"date": _("日期不在这一年。")})
        if self.date and self.kind == self.Kind.WORKDAY and self.date.weekday() < 5:
            raise ValidationError({"date": _("调休上班日应是周六或周日。")})
