"""Forms of the positions pages: the position form, the search form and the description editor
(prose fields + an ordered task formset + the competency levels), bundled in ``DescriptionEditor``."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

from portal.forms import OrganizationChoiceField
from portal.text import plain_text
from positions import rules
from positions.models import (
    DescriptionStatus,
    FrameworkPosition,
    Position,
    PositionDescription,
    PositionGroup,
    Rank,
    Subgroup,
    TrainingLevel,
)
from positions.reports import NO_DESCRIPTION
from positions.services import Content, content_of

BASE_SALT = "positions.editor-base"


class PositionForm(forms.ModelForm):
    """Add or change a position of one organisation's catalogue (validation only: the services
    write it)."""

    framework = forms.ModelChoiceField(
        queryset=FrameworkPosition.objects.filter(active=True), required=False, widget=forms.HiddenInput
    )
    copy_sample = forms.BooleanField(
        label=_("Bắt đầu bản mô tả từ bản mẫu của vị trí khung"), required=False, initial=True
    )

    class Meta:
        model = Position
        fields = [
            "code",
            "name",
            "group",
            "subgroup",
            "min_rank",
            "max_rank",
            "headcount",
            "required_training_level",
            "required_training_field",
        ]
        help_texts = {"required_training_field": _("Các chuyên ngành phù hợp, ví dụ: Luật, Quản lý nhà nước.")}
        error_messages = {
            "headcount": {
                "min_value": _("Số người cần không được âm."),
                "invalid": _("Số người cần phải là số nguyên."),
            },
        }

    def __init__(self, *args, organization, with_framework: bool = True, **kwargs):
        kwargs.setdefault("instance", Position(organization=organization))
        super().__init__(*args, **kwargs)
        self.organization = organization
        ranks = Rank.objects.filter(active=True).order_by("kind", "field", "level", "code")
        for name in ("min_rank", "max_rank"):
            self.fields[name].queryset = ranks
            self.fields[name].empty_label = _("— Không quy định —")
        self.fields["subgroup"].choices = [("", _("— Không có —")), *Subgroup.choices]
        self.fields["required_training_level"].choices = [("", _("— Không quy định —")), *TrainingLevel.choices]
        self.fields["group"].queryset = PositionGroup.objects.order_by("order")
        self.fields["group"].empty_label = None
        self.fields["subgroup"].help_text = _("Chỉ dành cho nhóm chuyên môn, nghiệp vụ.")
        self.fields["headcount"].min_value = 0
        if not with_framework:
            del self.fields["framework"], self.fields["copy_sample"]
        elif not (self.initial.get("framework") or self.data.get("framework")):
            self.fields["copy_sample"].widget = forms.HiddenInput()  # no framework position picked
        self.helper = FormHelper()
        self.helper.form_id = "position-form"
        self.helper.add_input(Submit("save", _("Lưu")))

    def clean_code(self):
        code = (self.cleaned_data.get("code") or "").strip()
        taken = Position.objects.filter(organization=self.organization, code__iexact=code).exclude(pk=self.instance.pk)
        if code and taken.exists():
            raise forms.ValidationError(_("Mã vị trí “%(code)s” đã có trong danh mục của đơn vị này.") % {"code": code})
        return code


class PositionSearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm vị trí"), required=False, max_length=100)
    group = forms.ModelChoiceField(label=_("Nhóm"), queryset=PositionGroup.objects.order_by("order"), required=False)
    rank = forms.ModelChoiceField(
        label=_("Ngạch/chức danh"),
        queryset=Rank.objects.filter(active=True).order_by("kind", "field", "level"),
        required=False,
    )
    status = forms.ChoiceField(label=_("Trạng thái bản mô tả"), required=False)
    organization = OrganizationChoiceField(label=_("Đơn vị"), queryset=None, required=False)

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        for name in ("group", "rank", "organization"):
            self.fields[name].empty_label = _("Tất cả")
        self.fields["status"].choices = [
            ("", _("Tất cả")),
            *DescriptionStatus.choices,
            (NO_DESCRIPTION, _("Chưa có bản mô tả")),
        ]

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "q": (data.get("q") or "").strip(),
            "group": data.get("group"),
            "rank": data.get("rank"),
            "status": data.get("status") or "",
            "organization": data.get("organization"),
        }


# --------------------------------------------------------------------------- description editor


def _rich(rows=3):
    return forms.Textarea(attrs={"rows": rows, "class": "js-richtext"})


class DescriptionForm(forms.Form):
    """The prose and plain fields, the lock version read when the editor was opened, and a signed
    snapshot of the content as it was then (to show what someone else changed meanwhile)."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    base = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        meta = PositionDescription._meta
        for name in PositionDescription.PROSE_FIELDS:
            self.fields[name] = forms.CharField(
                label=meta.get_field(name).verbose_name.capitalize(), required=False, widget=_rich(), strip=False
            )
        for name in PositionDescription.PLAIN_FIELDS:
            self.fields[name] = forms.CharField(
                label=meta.get_field(name).verbose_name.capitalize(), required=False, max_length=255
            )


class TaskForm(forms.Form):
    task = forms.CharField(label=_("Nhiệm vụ"), required=False, widget=_rich(2), strip=False)
    outputs = forms.CharField(label=_("Sản phẩm đầu ra"), required=False, widget=_rich(2), strip=False)
    criteria = forms.CharField(label=_("Tiêu chí đánh giá"), required=False, widget=_rich(2), strip=False)

    def clean(self):
        data = super().clean()
        if not _has_text(data.get("task")) and (_has_text(data.get("outputs")) or _has_text(data.get("criteria"))):
            self.add_error("task", _("Hãy nhập nội dung nhiệm vụ (hoặc xoá dòng này)."))
        return data


def _has_text(value) -> bool:
    return bool(plain_text(value or "").strip())


class BaseTaskFormSet(forms.BaseFormSet):
    ordering_widget = forms.HiddenInput
    deletion_widget = forms.HiddenInput

    def ordered_tasks(self) -> list[dict]:
        return [
            {k: f.cleaned_data.get(k, "") for k in rules.TASK_FIELDS}
            for f in self.ordered_forms
            if _has_text(f.cleaned_data.get("task"))
        ]


TaskFormSet = forms.formset_factory(TaskForm, formset=BaseTaskFormSet, extra=0, can_order=True, can_delete=True)

LEVEL_CHOICES = [(0, _("0 — Không yêu cầu")), *((n, str(n)) for n in rules.COMPETENCY_LEVELS)]


class CompetencyLevelsForm(forms.Form):
    """One select (0 = not required, 1–5) per competency of the dictionary, named ``c<id>``."""

    def __init__(self, *args, dictionary, **kwargs):
        super().__init__(*args, **kwargs)
        self.blocks = dictionary
        for block in dictionary:
            for competency in block.competencies:
                self.fields[f"c{competency.pk}"] = forms.TypedChoiceField(
                    label=competency.name,
                    choices=LEVEL_CHOICES,
                    coerce=int,
                    required=False,
                    empty_value=0,
                    widget=forms.Select(attrs={"class": "form-select form-select-sm js-level"}),
                )

    def rows(self):
        """[(kind label, [(competency, bound field)])] for the template."""
        return [(b.label, [(c, self[f"c{c.pk}"]) for c in b.competencies]) for b in self.blocks]

    def levels(self) -> list[tuple[int, int]]:
        return [(int(name[1:]), level) for name, level in self.cleaned_data.items() if level]


def sign_content(content: Content) -> str:
    return signing.dumps(
        {"f": content.fields, "t": content.tasks, "c": [list(p) for p in content.competencies]},
        salt=BASE_SALT,
        compress=True,
    )


def unsign_content(value: str) -> Content | None:
    try:
        data = signing.loads(value or "", salt=BASE_SALT)
    except signing.BadSignature:
        return None
    return Content(fields=data["f"], tasks=data["t"], competencies=[tuple(p) for p in data["c"]])


class DescriptionEditor:
    """The three parts of the editor, bound together. Unbound it shows ``content`` (default: the
    description's saved content) with ``lock_version`` and the signed snapshot ``base``."""

    def __init__(self, description, dictionary, data=None, *, content=None, lock_version=None, base=None):
        content = content if content is not None else (None if data is not None else content_of(description))
        initial = {}
        if content is not None:
            base = base if base is not None else content
            initial = {
                **content.fields,
                "lock_version": description.lock_version if lock_version is None else lock_version,
                "base": sign_content(base),
            }
        self.description = description
        self.form = DescriptionForm(data, initial=initial)
        self.tasks = TaskFormSet(data, initial=content.tasks if content else None, prefix="tasks")
        levels = {f"c{cid}": level for cid, level in (content.competencies if content else [])}
        self.levels = CompetencyLevelsForm(data, dictionary=dictionary, initial=levels)

    def is_valid(self) -> bool:
        return all([self.form.is_valid(), self.tasks.is_valid(), self.levels.is_valid()])

    @property
    def lock_version(self) -> int:
        return self.form.cleaned_data["lock_version"]

    @property
    def base(self) -> Content | None:
        return unsign_content(self.form.cleaned_data.get("base", ""))

    def content(self) -> Content:
        names = PositionDescription.PROSE_FIELDS + PositionDescription.PLAIN_FIELDS
        return Content(
            fields={n: self.form.cleaned_data.get(n, "") for n in names},
            tasks=self.tasks.ordered_tasks(),
            competencies=self.levels.levels(),
        )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("Ý kiến trả lại"), widget=forms.Textarea(attrs={"rows": 3}), max_length=4000, required=True
    )
