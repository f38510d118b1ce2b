"""The villagers' forms: 我要监督 (`ComplaintForm`, on every public village) and 进度查询
(`TrackForm`, at /track/). No account and no JavaScript needed; every message is Chinese and
names the field it is about (the error summary at the top links to each).

The form only reads and checks what was typed; `supervision.services.intake.submit` creates the
case, and `supervision.views` decides about rate limits, the honeypot and the receipt.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from disclosures.services import lists

from .models import Complaint, ComplaintCategory, ReturnVisit
from .services.attachments import ACCEPTED_LABEL, MAX_FILE_BYTES, MAX_FILES, check_uploads
from .services.identity import normalize_phone
from .services.intake import IntakeData
from .services.questions import resolve as resolve_question

DESCRIPTION_MAX = 2000  # the public form; staff may log longer letters (model: 5000)
DESCRIPTION_MIN = 10

ANONYMOUS, REAL_NAME = "anonymous", "real"

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_CONTACT_CHARACTERS = re.compile(r"^[\d\s\-+()（）—－]*$")
_FORM_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def clean_contact(value: str) -> str:
    """A mainland mobile (11 digits, 1[3-9]…) or a landline with its area code, written any usual
    way ("138 0000 1234", "+86 13800001234", "(0939)1234567") → "13800001234" or
    "0939-1234567". Raises a Chinese ValidationError otherwise."""
    text = unicodedata.normalize("NFKC", value or "").strip()
    if not _CONTACT_CHARACTERS.match(text):
        raise ValidationError(
            _("电话号码只能有数字（可以带空格或横线），例如 13800001234 或 0939-1234567。"),
            code="characters",
        )
    digits = normalize_phone(text)
    if _MOBILE.match(digits):
        return digits
    if digits.startswith("0") and len(digits) > 3:
        # Area codes: 010 and 02x have three digits, all others four (Longnan: 0939).
        area_length = 3 if digits[1] in "12" else 4
        area, number = digits[:area_length], digits[area_length:]
        if len(number) in (7, 8) and number[0] != "0":
            return f"{area}-{number}"
    if digits.startswith("1"):
        raise ValidationError(
            _("手机号码应为 11 位数字，以 1 开头，例如 13800001234。"), code="mobile"
        )
    raise ValidationError(
        _("请填写手机号码，或带区号的固定电话，例如 0939-1234567。"), code="landline"
    )


class TextField(forms.CharField):
    """A CharField whose refusal of NUL characters says, in plain Chinese, what to do."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.validators = [
            v for v in self.validators if not isinstance(v, ProhibitNullCharactersValidator)
        ]
        self.validators.append(
            ProhibitNullCharactersValidator(
                message=_("有无法识别的控制字符（可能是从别处复制时带进来的），请删掉后再提交。")
            )
        )


def _labelled(label, message) -> str:
    """An error for the summary: the field's name in front unless the message already says it."""
    label, message = str(label), str(message)
    return message if label in message else f"{label}：{message}"


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files under one name; the checking is `check_uploads`' (content, size, count)."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        return [f for f in (data or []) if f]


class ComplaintForm(forms.Form):
    """我要监督: one village's online complaint form."""

    # Field names are part of the contract with the benchmark (tests/bench/complaint_load.py)
    # and anyone scripting the form: keep them.
    kind = forms.ChoiceField(
        label=_("您要反映的是"),
        choices=Complaint.Kind.choices,
        initial=Complaint.Kind.PETITION,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("请选择您要反映的是哪一类。"),
            "invalid_choice": _("请从列出的三类中选一类。"),
        },
    )
    category = forms.ModelChoiceField(
        label=_("问题类别"),
        queryset=ComplaintCategory.objects.filter(active=True),
        to_field_name="code",
        empty_label=_("请选择"),
        error_messages={
            "required": _("请选择问题类别；拿不准就选“其他”。"),
            "invalid_choice": _("所选的问题类别不存在，请从列表中重新选择。"),
        },
    )
    description = TextField(
        label=_("反映内容"),
        max_length=DESCRIPTION_MAX,
        min_length=DESCRIPTION_MIN,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("请填写反映内容。"),
            "max_length": _(
                "反映内容最多 %(limit_value)d 个字，现在是 %(show_value)d 个字，请删减一些；"
                "材料可以作为附件上传。"
            ),
            "min_length": _(
                "反映内容太短（%(show_value)d 个字）：请至少写 %(limit_value)d 个字，"
                "说清楚什么事、在哪里、涉及谁。"
            ),
        },
    )
    place = TextField(
        label=_("发生地点"),
        required=False,
        max_length=200,
        help_text=_("例如：三组、村委会、某条道路。"),
        error_messages={"max_length": _("地点最多 %(limit_value)d 个字。")},
    )
    power_item = forms.ChoiceField(
        label=_("涉及的权力事项"),
        required=False,
        help_text=_("本村公开的小微权力清单中的事项；不清楚可以不选。"),
        error_messages={"invalid_choice": _("所选事项不在本村公开的权力清单中，请重新选择。")},
    )
    accused_name = TextField(
        label=_("被反映人"),
        required=False,
        max_length=100,
        help_text=_(
            "姓名或职务，例如“村会计”。只有办理人员能看到，不会公开，也不会让被反映人知道。"
        ),
        error_messages={"max_length": _("被反映人最多 %(limit_value)d 个字。")},
    )
    real_name = forms.ChoiceField(
        label=_("匿名还是实名"),
        choices=[(ANONYMOUS, _("匿名")), (REAL_NAME, _("实名"))],
        initial=ANONYMOUS,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("请选择匿名还是实名。"),
            "invalid_choice": _("请选择匿名还是实名。"),
        },
    )
    reporter_name = TextField(
        label=_("您的真实姓名"),
        required=False,
        max_length=50,
        error_messages={"max_length": _("姓名最多 %(limit_value)d 个字。")},
    )
    reporter_contact = TextField(
        label=_("联系电话"),
        required=False,
        max_length=30,
        help_text=_("手机或带区号的固定电话，例如 13800001234 或 0939-1234567。"),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        error_messages={"max_length": _("电话号码太长了，请检查。")},
    )
    attachments = MultipleFileField(
        label=_("附件"),
        required=False,
    )
    # Honeypot: hidden from people by CSS (and from screen readers and the tab order); a form
    # that fills it in is a robot's and creates nothing (supervision/views.py).
    website = TextField(
        label=_("请不要填写这一项（用来识别自动提交的程序）"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    # The form's one-time key (made when the form is shown): a double submit or a retried
    # request of the same form makes one case (supervision/services/intake.py).
    submission_key = TextField(required=False, widget=forms.HiddenInput)
    # "有疑问?" on a disclosure: which one and which row (supervision/services/questions.py).
    # Kept through a form shown again; believed only after checking, else silently dropped.
    about = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    line = forms.CharField(required=False, max_length=10, widget=forms.HiddenInput)

    # Shown as radios with a line of explanation under each choice.
    choice_hints = {
        "kind": {
            Complaint.Kind.PETITION: _("反映村里的问题、提出诉求。拿不准就选这一项。"),
            Complaint.Kind.ACCUSATION: _("检举党员、村干部或公职人员违纪违法。"),
            Complaint.Kind.SUGGESTION: _("对村务或监督工作提意见、建议。"),
        },
        "real_name": {
            ANONYMOUS: _(
                "不留姓名和电话。照样会登记、办理，但没有人能打电话给您、告诉您结果，"
                "请凭回执码自己查询进度。"
            ),
            REAL_NAME: _(
                "留下真实姓名和能打通的电话。实名反映优先办理，办完后会告诉您结果。"
                "您的姓名和电话依规保密，只有办理人员能看到，被反映人看不到。"
            ),
        },
    }

    def __init__(self, *args, village, request=None, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.village = village
        source = self.data if self.is_bound else self.initial
        self.question = resolve_question(
            village, source.get("about"), source.get("line"), request=request
        )
        if self.is_bound:
            # What is shown again is what was believed: a forged value is not carried on.
            self.data = self.data.copy()
            self.data["about"] = self.question.about if self.question else ""
            self.data["line"] = self.question.line if self.question and self.question.line else ""
        else:
            self.initial["about"] = self.question.about if self.question else ""
            self.initial["line"] = (
                self.question.line if self.question and self.question.line else ""
            )
        # Help texts with numbers, translated when the form is made (a lazy string formatted at
        # import would be frozen in one language).
        self.fields["description"].help_text = _(
            "请写清楚什么时间、在哪里、什么事、涉及谁。至少 %(min)d 个字，最多 %(max)d 个字。"
        ) % {"min": DESCRIPTION_MIN, "max": DESCRIPTION_MAX}
        self.fields["attachments"].help_text = _(
            "照片、PDF 或录音，可以不传。最多 %(count)d 个，每个不超过 %(size)d MB。"
            "可以上传：%(types)s。"
        ) % {"count": MAX_FILES, "size": MAX_FILE_BYTES // (1024 * 1024), "types": ACCEPTED_LABEL}
        self.power_items = {
            item.number: item for item in lists.village_items(village, details=False)
        }
        self.fields["power_item"].choices = [("", _("不涉及或不清楚"))] + [
            (number, f"{number} {item.title}") for number, item in self.power_items.items()
        ]
        if not self.is_bound:
            self.initial["submission_key"] = secrets.token_urlsafe(24)
        elif not _FORM_KEY.match(self.data.get("submission_key") or ""):
            # A post without the form's key (a script, a stripped form): give it one, so the
            # page shown again carries a key for the next try.
            self.data = self.data.copy()
            self.data["submission_key"] = secrets.token_urlsafe(24)

    # --- cleaning ------------------------------------------------------------------------------

    def clean_power_item(self):
        number = self.cleaned_data.get("power_item") or ""
        return self.power_items.get(number)

    def clean_reporter_name(self):
        if self.cleaned_data.get("real_name") != REAL_NAME:
            return ""  # an anonymous report keeps no identity, even if some was typed
        name = self.cleaned_data.get("reporter_name", "").strip()
        if not name:
            raise ValidationError(_("实名反映请填写您的真实姓名；不想留姓名可以选“匿名”。"))
        return name

    def clean_reporter_contact(self):
        if self.cleaned_data.get("real_name") != REAL_NAME:
            return ""
        contact = self.cleaned_data.get("reporter_contact", "").strip()
        if not contact:
            raise ValidationError(_("实名反映请留一个能打通的电话，办理人员会用它联系您。"))
        return clean_contact(contact)

    def clean_attachments(self):
        return check_uploads(self.files.getlist("attachments")) if self.files else []

    # --- for the view ----------------------------------------------------------------------------

    @property
    def is_real_name(self) -> bool:
        return self.cleaned_data.get("real_name") == REAL_NAME

    @property
    def is_robot(self) -> bool:
        return bool(self.cleaned_data.get("website", "").strip())

    def files_dropped(self) -> bool:
        """Files were chosen but the form is shown again: browsers cannot keep them."""
        return bool(self.is_bound and self.errors and self.files.getlist("attachments"))

    def intake_submission_key(self) -> str:
        """The form's one-time key plus a fingerprint of what was sent: the same form posted
        twice is one case, but the same page edited and sent again (after the back button) is a
        new one, not silently the first case's receipt."""
        data = self.cleaned_data
        parts = [
            data["kind"],
            data["category"].code,
            data["description"],
            data["place"],
            data["power_item"].number if data["power_item"] else "",
            data["accused_name"],
            data["real_name"],
            data["reporter_name"],
            data["reporter_contact"],
            *sorted(f.sha256 for f in data["attachments"]),
            self.question.about if self.question else "",
            str(self.question.line or "") if self.question else "",
        ]
        fingerprint = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]
        return f"web:{self.data['submission_key']}:{fingerprint}"

    def intake_data(self) -> IntakeData:
        data = self.cleaned_data
        return IntakeData(
            village=self.village,
            category=data["category"],
            description=data["description"],
            kind=data["kind"],
            place=data["place"],
            real_name=self.is_real_name,
            reporter_name=data["reporter_name"],
            reporter_contact=data["reporter_contact"],
            power_item=data["power_item"],
            accused_name=data["accused_name"],
            files=data["attachments"],
            disclosure=self.question.page if self.question else None,
            disclosure_line=self.question.line if self.question else None,
            disclosure_row=self.question.row_text if self.question else "",
        )

    def choices_with_hints(self, name: str) -> list:
        hints = self.choice_hints.get(name, {})
        return [(radio, hints.get(radio.data["value"], "")) for radio in self[name]]

    def kind_options(self):
        return self.choices_with_hints("kind")

    def real_name_options(self):
        return self.choices_with_hints("real_name")

    def error_summary(self) -> list[tuple[str, str]]:
        """(anchor, message) for the summary at the top of the page, in the order of the form:
        each links to its field (a radio group to its first choice)."""
        rows = [("complaint-form", str(message)) for message in self.non_field_errors()]
        for name, field in self.fields.items():
            if name not in self.errors:
                continue
            bound = self[name]
            anchor = (
                f"{bound.auto_id}_0"
                if isinstance(field.widget, forms.RadioSelect)
                else bound.auto_id
            )
            rows += [(anchor, _labelled(field.label, m)) for m in self.errors[name]]
        return rows


class TrackForm(forms.Form):
    """进度查询: receipt code and PIN. Only "filled in or not" is checked here; whether the
    two belong together is the view's one answer for every kind of wrong (supervision/views.py)."""

    code = forms.CharField(
        label=_("回执码"),
        help_text=_("回执上的 12 位字母和数字，例如 ABCD-EFGH-JKLM；大小写、空格和横线都可以。"),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "maxlength": "40",
            }
        ),
        error_messages={"required": _("请填写回执码。")},
    )
    pin = forms.CharField(
        label=_("查询密码"),
        help_text=_("回执上的 6 位数字。"),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "inputmode": "numeric", "maxlength": "20"}
        ),
        error_messages={"required": _("请填写查询密码。")},
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            # Not even a NUL gets its own message: whatever cannot be a code or PIN is "not
            # found", like every other wrong answer.
            field.validators = []

    def clean_code(self):
        return self.cleaned_data["code"][:100]

    def clean_pin(self):
        return self.cleaned_data["pin"][:100]

    def error_summary(self) -> list[tuple[str, str]]:
        return [
            (self[name].auto_id, _labelled(self.fields[name].label, message))
            for name in self.fields
            for message in self.errors.get(name, [])
        ]


RATING_COMMENT_MAX = 500


class RatingForm(forms.Form):
    """网上评价 on /track/'s result page: how satisfied, and an optional word for the staff (it
    goes into the return visit's internal note, never onto the public timeline). `token` is the
    signed proof of the lookup (supervision/services/rating.py), not the PIN."""

    result = forms.ChoiceField(
        label=_("您对办理结果是否满意？"),
        choices=ReturnVisit.Result.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("请选择满意、基本满意或不满意。"),
            "invalid_choice": _("请选择满意、基本满意或不满意。"),
        },
    )
    comment = TextField(
        label=_("想对办理人员说的话"),
        help_text=_("选填，最多 500 字，只有工作人员能看到。"),
        required=False,
        max_length=RATING_COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _("最多 %(limit_value)d 字，现在有 %(show_value)d 字。"),
        },
    )
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    @property
    def result_options(self):
        return [(radio, "") for radio in self["result"]]

    def error_summary(self) -> list[tuple[str, str]]:
        rows = [("rating-heading", str(m)) for m in self.non_field_errors()]
        for name in ("result", "comment"):
            bound = self[name]
            anchor = f"{bound.auto_id}_0" if name == "result" else bound.auto_id
            rows += [
                (anchor, _labelled(self.fields[name].label, m)) for m in self.errors.get(name, [])
            ]
        return rows
