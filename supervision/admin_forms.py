"""Forms of supervision's admin screens: intake by a liaison station or a petition office, Open311
partners and complaint categories. Every message is Chinese and names what to fix; a form with an
error writes nothing and shows again with what was typed (files excepted: a browser never sends a
chosen file twice, so the page asks for them again)."""

from __future__ import annotations

import datetime
import re
import secrets

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Page

from disclosures.models import Office
from disclosures.services.lists import village_items
from villages.models import CityPage, CountyPage, TownshipPage, VillagePage
from villages.services.jurisdiction import can_act_on

from .models import Complaint, ComplaintCategory
from .services.access import can_log_for, intake_channels_for, intake_villages_for
from .services.attachments import ACCEPTED_LABEL, MAX_FILES, check_uploads
from .services.identity import normalize_id_number, normalize_phone
from .services.intake import IntakeData

# A letter may reach the office days or weeks before it is logged, but a case logged more than
# a year after it arrived belongs to the paper ledger of that year.
RECEIVED_MAX_AGE = datetime.timedelta(days=365)
SUBMISSION_KEY_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE_RE = re.compile(r"^0\d{9,11}$")  # area code (3-4 digits, leading 0) + 7-8 digits
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"  # GB 11643-1999, ISO 7064 MOD 11-2


def id_number_problem(value: str) -> str | None:
    """Why an 18-digit resident ID number (居民身份证号码) is not valid, or None."""
    number = normalize_id_number(value)
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return _("身份证号应为 18 位：前 17 位是数字，最后一位是数字或 X。")
    try:
        datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return _("身份证号中的出生日期（第 7 至 14 位）不是有效日期，请核对。")
    total = sum(int(digit) * weight for digit, weight in zip(number[:17], ID_WEIGHTS, strict=True))
    if ID_CHECK[total % 11] != number[17]:
        return _("身份证号最后一位（校验位）与前 17 位对不上，请逐位核对。")
    return None


def phone_problem(value: str) -> str | None:
    digits = normalize_phone(value)
    if MOBILE_RE.match(digits) or LANDLINE_RE.match(digits):
        return None
    return _("请填写 11 位手机号或带区号的座机号码（如 0939-5521234）。")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; each is checked by supervision.services.attachments."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [f for f in data if f]
        return [data] if data else []


IDENTITY_CHOICES = [
    ("real", gettext_lazy("实名")),
    ("anonymous", gettext_lazy("匿名")),
]


def village_choices(villages) -> list:
    """Villages grouped by township (and county when there are several), in tree order: one
    query for the villages, one for their townships and counties."""
    villages = list(villages.only("id", "title", "path", "depth").order_by("path"))
    steplen = VillagePage.steplen
    parents = {v.path[:-steplen] for v in villages} | {v.path[: -2 * steplen] for v in villages}
    titles = dict(Page.objects.filter(path__in=parents).values_list("path", "title"))
    several_counties = len({v.path[: -2 * steplen] for v in villages}) > 1
    groups: dict[str, list] = {}
    for village in villages:
        township = titles.get(village.path[:-steplen], "")
        county = titles.get(village.path[: -2 * steplen], "") if several_counties else ""
        groups.setdefault(county + township, []).append((village.pk, village.title))
    return list(groups.items())


class IntakeForm(forms.Form):
    """登记信访举报: what a liaison station or a petition office writes down for a resident."""

    village = forms.TypedChoiceField(
        label=gettext_lazy("所涉村（社区）"),
        coerce=int,
        error_messages={
            "required": gettext_lazy("请选择反映的问题发生在哪个村（社区）。"),
            "invalid_choice": gettext_lazy("只能为您管辖范围内的村（社区）登记，请从列表中选择。"),
        },
    )
    channel = forms.ChoiceField(
        label=gettext_lazy("来源渠道"),
        error_messages={
            "required": gettext_lazy("请选择这件反映是怎么收到的。"),
            "invalid_choice": gettext_lazy("您的账号不能以这种渠道登记，请从列表中选择。"),
        },
    )
    intake_mode = forms.ChoiceField(
        label=gettext_lazy("反映人是怎样找到联络站的"),
        choices=Complaint.IntakeMode.choices,
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": gettext_lazy("请选择来访、电话或来信。")},
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("性质"),
        choices=Complaint.Kind.choices,
        initial=Complaint.Kind.PETITION,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "检举控告：反映党员、干部违纪违法；信访举报：反映问题、提出诉求；意见建议：提建议。"
        ),
        error_messages={
            "required": gettext_lazy("请选择性质。"),
            "invalid_choice": gettext_lazy("请从信访举报、检举控告、意见建议中选择一项。"),
        },
    )
    category = forms.ModelChoiceField(
        label=gettext_lazy("问题类别"),
        queryset=ComplaintCategory.objects.filter(active=True),
        empty_label=gettext_lazy("请选择"),
        error_messages={
            "required": gettext_lazy("请选择问题类别；拿不准时选“其他”。"),
            "invalid_choice": gettext_lazy("所选问题类别不存在或已停用，请重新选择。"),
        },
    )
    description = forms.CharField(
        label=gettext_lazy("反映内容"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "照反映人的原意写清：什么事、什么时候、在哪里、涉及谁、有什么诉求。最多 5000 字。"
        ),
        error_messages={
            "required": gettext_lazy("请填写反映内容。"),
            "max_length": gettext_lazy(
                "反映内容最多 %(limit_value)d 字（现在 %(show_value)d 字），"
                "材料较多时可作为附件上传。"
            ),
        },
    )
    place = forms.CharField(
        label=gettext_lazy("地点"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("例如：二组、村委会、某某路口。"),
        error_messages={"max_length": gettext_lazy("地点最多 %(limit_value)d 字。")},
    )
    power_item = forms.CharField(
        label=gettext_lazy("涉及的权力事项"),
        max_length=20,
        required=False,
        help_text=gettext_lazy("该村权力清单上的事项编号，如 5；不清楚可以不填。"),
        error_messages={"max_length": gettext_lazy("事项编号最多 %(limit_value)d 个字符。")},
    )
    accused_name = forms.CharField(
        label=gettext_lazy("被反映人"),
        max_length=100,
        required=False,
        help_text=gettext_lazy("反映的是谁（姓名或单位），不清楚可以不填。"),
        error_messages={"max_length": gettext_lazy("被反映人最多 %(limit_value)d 字。")},
    )
    accused_office = forms.ModelChoiceField(
        label=gettext_lazy("被反映人职务"),
        queryset=Office.objects.all(),
        required=False,
        empty_label=gettext_lazy("不清楚或不是村干部"),
        help_text=gettext_lazy("担任该职务的村干部将看不到此件（回避）。"),
        error_messages={"invalid_choice": gettext_lazy("请从列表中选择职务。")},
    )
    identity = forms.ChoiceField(
        label=gettext_lazy("实名还是匿名"),
        choices=IDENTITY_CHOICES,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "实名：留下真实姓名和能联系到的电话，优先办理，办理结果会告知本人。"
            "匿名：不留姓名和电话，同样会办理，但无法告知本人，只能凭回执码查询进度。"
            "无论实名匿名，反映人身份都依规保密，被反映人看不到。"
        ),
        error_messages={
            "required": gettext_lazy("请选择实名或匿名。"),
            "invalid_choice": gettext_lazy("请选择实名或匿名。"),
        },
    )
    reporter_name = forms.CharField(
        label=gettext_lazy("反映人姓名"),
        max_length=50,
        required=False,
        error_messages={"max_length": gettext_lazy("姓名最多 %(limit_value)d 字。")},
    )
    reporter_contact = forms.CharField(
        label=gettext_lazy("联系电话"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
        error_messages={"max_length": gettext_lazy("联系电话最多 %(limit_value)d 个字符。")},
    )
    reporter_id_number = forms.CharField(
        label=gettext_lazy("身份证号（可不填）"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"max_length": gettext_lazy("身份证号应为 18 位。")},
    )
    reporter_address = forms.CharField(
        label=gettext_lazy("联系地址（可不填）"),
        max_length=200,
        required=False,
        error_messages={"max_length": gettext_lazy("联系地址最多 %(limit_value)d 字。")},
    )
    received_on = forms.DateField(
        label=gettext_lazy("收到日期"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("来信以收到信件的日期为准，可以早于今天，但不能晚于今天。"),
        error_messages={
            "required": gettext_lazy("请填写收到日期。"),
            "invalid": gettext_lazy("收到日期请按“年-月-日”填写，如 2026-03-05。"),
        },
    )
    attachments = MultipleFileField(
        label=gettext_lazy("附件（可不选）"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/*,application/pdf,audio/*"}),
    )
    consent = forms.BooleanField(
        label=gettext_lazy("已向反映人说明并征得同意，由联络站代为登记"),
        required=False,
    )
    submission_key = forms.CharField(widget=forms.HiddenInput, required=False)

    IDENTITY_FIELDS = (
        "reporter_name",
        "reporter_contact",
        "reporter_id_number",
        "reporter_address",
    )

    def __init__(self, *args, user, reception=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.channels = intake_channels_for(user)
        self.villages = intake_villages_for(user)
        # A matter received at a leader's reception day (services/reception.py): channel 领导接访
        # fixed, and only the villages of the day's area.
        self.reception = reception
        if reception is not None:
            leader_channel = Complaint.Channel.LEADER_RECEPTION
            self.channels = [leader_channel] if leader_channel in self.channels else []
            self.villages = self.villages.filter(path__startswith=reception.area.path)
        self.fields["channel"].choices = [(c, Complaint.Channel(c).label) for c in self.channels]
        groups = village_choices(self.villages)
        flat = [choice for _group, choices in groups for choice in choices]
        self.fields["village"].choices = flat if len(groups) == 1 else groups
        # One village (a station) or one channel: shown as text, sent as a hidden value that is
        # still checked like any choice.
        self.fixed_village = flat[0] if len(flat) == 1 else None
        self.fixed_channel = self.channels[0] if len(self.channels) == 1 else None
        if self.fixed_village:
            self.fields["village"].widget = forms.HiddenInput()
            self.fields["village"].initial = self.fixed_village[0]
        else:
            self.fields["village"].choices = [("", _("请选择")), *self.fields["village"].choices]
        if self.fixed_channel:
            self.fields["channel"].widget = forms.HiddenInput()
            self.fields["channel"].initial = self.fixed_channel
        else:
            self.fields["channel"].choices = [("", _("请选择")), *self.fields["channel"].choices]
        self.station = Complaint.Channel.STATION in self.channels
        if not self.station:
            del self.fields["intake_mode"]
            del self.fields["consent"]
        elif not self.fixed_channel:
            self.fields["intake_mode"].label = _("反映人是怎样找到联络站的（联络站代录时填）")
            self.fields["consent"].label = _(
                "已向反映人说明并征得同意，由联络站代为登记（联络站代录时勾选）"
            )
        self.power_items = []
        if self.fixed_village:
            village = VillagePage.objects.get(pk=self.fixed_village[0])
            self.power_items = village_items(village, details=False)
            self.fields["power_item"].widget = forms.Select(
                choices=[
                    ("", _("不涉及或不清楚")),
                    *[(i.number, f"{i.number} {i.title}") for i in self.power_items],
                ]
            )
            self.fields["power_item"].help_text = _("本村权力清单上的事项；不清楚可以不选。")
        today = timezone.localdate()
        self.fields["received_on"].initial = today
        self.fields["received_on"].widget.attrs.update(
            max=today.isoformat(), min=(today - RECEIVED_MAX_AGE).isoformat()
        )
        self.fields["attachments"].help_text = _(
            "最多 %(n)d 个：%(types)s。每个不超过 10 MB，合计不超过 20 MB。类型按文件内容判断。"
        ) % {"n": MAX_FILES, "types": ACCEPTED_LABEL}
        if not self.is_bound:
            self.initial.setdefault("submission_key", secrets.token_urlsafe(24))

    @property
    def fixed_village_title(self) -> str:
        return self.fixed_village[1] if self.fixed_village else ""

    @property
    def fixed_channel_label(self) -> str:
        return Complaint.Channel(self.fixed_channel).label if self.fixed_channel else ""

    def clean_submission_key(self):
        key = self.cleaned_data.get("submission_key", "")
        if not SUBMISSION_KEY_RE.match(key):
            # A tampered or missing key: the page gets a fresh one, so submitting again works.
            self.data = self.data.copy()
            self.data["submission_key"] = secrets.token_urlsafe(24)
            raise ValidationError(_("登记表已过期，请核对内容后再提交一次。"))
        return key

    def clean_received_on(self):
        received = self.cleaned_data["received_on"]
        today = timezone.localdate()
        if received > today:
            raise ValidationError(_("收到日期不能晚于今天（%(today)s）。") % {"today": today})
        earliest = today - RECEIVED_MAX_AGE
        if received < earliest:
            raise ValidationError(
                _("收到日期不能早于一年前（%(date)s）；更早收到的件请按当年台账处理。")
                % {"date": earliest}
            )
        return received

    def clean_reporter_contact(self):
        value = self.cleaned_data["reporter_contact"].strip()
        if value and (problem := phone_problem(value)):
            raise ValidationError(problem)
        return value

    def clean_reporter_id_number(self):
        value = self.cleaned_data["reporter_id_number"].strip()
        if value and (problem := id_number_problem(value)):
            raise ValidationError(problem)
        return normalize_id_number(value) if value else ""

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        return check_uploads(files)

    def clean(self):
        data = super().clean()
        village_id, channel = data.get("village"), data.get("channel")
        village = self.villages.filter(pk=village_id).first() if village_id else None
        data["village_page"] = village
        if village is not None and channel and not can_log_for(self.user, village, channel):
            self.add_error("village", _("您不能为这个村以这种渠道登记。"))
        if channel == Complaint.Channel.STATION and self.station:
            if not data.get("intake_mode"):
                self.add_error("intake_mode", _("请选择反映人是来访、打电话还是来信。"))
            if not data.get("consent"):
                self.add_error(
                    "consent",
                    _("联络站代为登记前，须向反映人说明并征得同意，然后勾选此项。"),
                )
        identity = data.get("identity")
        if identity == "real":
            if not (data.get("reporter_name") or "").strip():
                self.add_error("reporter_name", _("实名反映请填写反映人的真实姓名。"))
            if not data.get("reporter_contact") and "reporter_contact" not in self.errors:
                self.add_error("reporter_contact", _("实名反映请填写能联系到反映人的电话。"))
        elif identity == "anonymous":
            typed = [f for f in self.IDENTITY_FIELDS if (self.data.get(f) or "").strip()]
            if typed:
                # The service would drop them silently; say so instead, so nothing is lost
                # by a wrong click.
                raise ValidationError(
                    _(
                        "选择了匿名，却填写了反映人的姓名或联系方式。要实名请选“实名”；"
                        "要匿名请清空姓名、电话、身份证号和地址。"
                    )
                )
        number = (data.get("power_item") or "").strip()
        data["power_item_page"] = None
        if number and village is not None:
            items = self.power_items or village_items(village, details=False)
            found = next((i for i in items if i.number == number), None)
            if found is None:
                self.add_error(
                    "power_item",
                    _("%(village)s的权力清单上没有编号为“%(number)s”的事项。")
                    % {"village": village.title, "number": number},
                )
            data["power_item_page"] = found
        return data

    def intake_data(self) -> IntakeData:
        data = self.cleaned_data
        station = data["channel"] == Complaint.Channel.STATION
        return IntakeData(
            village=data["village_page"],
            category=data["category"],
            description=data["description"],
            kind=data["kind"],
            place=data["place"],
            real_name=data["identity"] == "real",
            reporter_name=data["reporter_name"],
            reporter_contact=data["reporter_contact"],
            reporter_id_number=data["reporter_id_number"],
            reporter_address=data["reporter_address"],
            power_item=data["power_item_page"],
            accused_name=data["accused_name"],
            accused_office=data["accused_office"],
            received_on=data["received_on"],
            intake_mode=data.get("intake_mode", "") if station else "",
            consent_recorded=bool(data.get("consent")) if station else False,
            files=data["attachments"],
            reception=self.reception,
        )


class PartnerForm(WagtailAdminModelForm):
    """An Open311 partner: it may submit and read only for villages under its jurisdiction,
    which must lie within the issuing user's own."""

    def clean_jurisdiction(self):
        page = self.cleaned_data.get("jurisdiction")
        if page is None:
            return page
        if page.specific_class not in (CityPage, CountyPage, TownshipPage):
            raise ValidationError(_("请选择市、区县或乡镇页面。"))
        if self.for_user is not None and not can_act_on(self.for_user, page):
            raise ValidationError(_("只能选择您管辖范围内的市、区县或乡镇。"))
        return page


class CategoryForm(WagtailAdminModelForm):
    """A complaint category. Its code is the Open311 service_code: fixed once created, since
    partner systems file under it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "code" not in self.fields:
            return
        if self.instance.pk:
            self.fields["code"].disabled = True
            self.fields["code"].help_text = _("对接系统按此代码提交，创建后不能修改。")
        else:
            self.fields["code"].help_text = _(
                "只能用英文小写字母、数字和连字符；对接系统按此代码提交，创建后不能修改。"
            )
