"""Forms of the staff pages: search and filters, a person's record, yearly records, assignments and
quotas. Validation only: writes of more than one row go through ``staffing.services``."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from portal.models import EDIT_ROLES, scope_for
from portal.text import has_other_digit, nfc, nfc_multiline
from positions.models import TrainingLevel
from staffing import reports, rules, services
from staffing.models import (
    DECIDED_CASES,
    AnnualRecord,
    Assignment,
    AssignmentKind,
    Quota,
    QuotaCategory,
    Staff,
    StaffCategory,
    StaffStatus,
    StreamliningCase,
)
from staffing.quotas import may_grant_quota
from staffing.reports import NOT_RECORDED

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATE_HINT = _("dd/mm/yyyy")
INVALID_DATE = _("Hãy nhập ngày theo dạng dd/mm/yyyy, ví dụ 25/03/1990.")
ALL = "all"
# Codes and numbers take the digits 0–9 only: "０２４…" (fullwidth) or "٠٢٤…" (Arabic-Indic)
# looks like "024…" but is another value.
OTHER_DIGITS = _(
    "“%(value)s” có chữ số không phải 0–9 (chữ số toàn độ rộng hoặc của bảng chữ khác):"
    " chỉ dùng các chữ số 0, 1, 2, 3, 4, 5, 6, 7, 8, 9."
)
_YEAR_ONLY = re.compile(r"^\s*([0-9]{4})\s*$")


def date_input(**attrs):
    return forms.DateInput(
        format="%d/%m/%Y",
        attrs={"placeholder": DATE_HINT, "inputmode": "numeric", "autocomplete": "off", **attrs},
    )


class DMYDateField(forms.DateField):
    """A date typed as dd/mm/yyyy (or ISO), with a Vietnamese message for anything else."""

    default_error_messages = {"invalid": INVALID_DATE}

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATE_INPUT_FORMATS)
        kwargs.setdefault("widget", date_input())
        super().__init__(**kwargs)


class BirthDateField(DMYDateField):
    """dd/mm/yyyy, or a year alone (yyyy) when only the year is known: then 1 January."""

    def to_python(self, value):
        match = _YEAR_ONLY.match(value) if isinstance(value, str) else None
        if match:
            return datetime.date(int(match.group(1)), 1, 1)
        return super().to_python(value)


def apply_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a model or service ValidationError on the form: on its fields when the form has them,
    otherwise at the top."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for name, errors in exc.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


def tidy_fields(form: forms.BaseForm, **blank_labels) -> None:
    """Vietnamese labels for the empty choice (``blank_labels`` by field name, else "— chọn —")
    and decimals typed and shown the local way (2,34 in Vietnamese). Numbers take the digits 0–9
    only (Django would read "٣" or "３" as 3), like every code and date."""
    for name, f in form.fields.items():
        blank = blank_labels.get(name, _("— chọn —"))
        if isinstance(f, forms.ModelChoiceField):
            if f.empty_label is not None:
                f.empty_label = blank
        elif isinstance(f, forms.ChoiceField) and f.choices and f.choices[0][0] == "":
            f.choices = [("", blank), *f.choices[1:]]
        if isinstance(f, forms.DecimalField):
            f.localize = True
            f.widget = forms.TextInput(attrs={"inputmode": "decimal"})
            f.widget.is_localized = True
        if isinstance(f, (forms.IntegerField, forms.DecimalField, forms.FloatField)):
            f.to_python = _ascii_digits_only(f.to_python)


class AllowanceField(forms.DecimalField):
    """An allowance of the salary (``staffing.rules``): a decimal from 0 to ``high`` with at most
    ``places`` decimals, typed the local way (0,60); a percentage also as "25%". One message, naming
    the value and what is allowed, for every way out of the range; with ``percent``, a value between
    0 and 1 (a fraction, not a number of per cent) is refused too."""

    def __init__(self, *, high: Decimal, places: int, message, percent: bool = False, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("localize", True)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)
        self.widget.is_localized = True
        self.high, self.places, self.message, self.percent = high, places, message, percent

    def to_python(self, value):
        if isinstance(value, str):
            if has_other_digit(value):
                raise ValidationError(OTHER_DIGITS % {"value": value.strip()}, code="invalid")
            if self.percent:
                value = value.strip().removesuffix("%").rstrip()
        return super().to_python(value)

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        shown = {
            "value": formats.number_format(value),
            "max": formats.number_format(self.high),
            "places": self.places,
        }
        within = rules.percent_in_range(value) if self.percent else rules.allowance_in_range(value)
        if not within or value != value.quantize(Decimal(1).scaleb(-self.places)):
            raise ValidationError(self.message, code="out_of_range", params=shown)
        if self.percent and rules.percent_looks_like_a_fraction(value):
            raise ValidationError(PERCENT_FRACTION, code="fraction", params=shown)


ALLOWANCE_RANGE = _(
    "“%(value)s” không hợp lệ: hệ số phụ cấp từ 0 đến %(max)s, tối đa %(places)s chữ số thập phân, ví dụ 0,60."
)
PERCENT_RANGE = _(
    "“%(value)s” không hợp lệ: tỷ lệ phần trăm từ 0 đến %(max)s, tối đa %(places)s chữ số thập phân, ví dụ 25 cho 25%%."
)
PERCENT_FRACTION = _(
    "“%(value)s” là phần trăm viết dưới dạng phân số: hãy ghi số phần trăm, ví dụ 25 cho 25%% (không phải 0,25)."
)


def allowance_field(label, **kwargs) -> AllowanceField:
    """A coefficient allowance (phụ cấp chức vụ lãnh đạo, other coefficients): 0–10."""
    return AllowanceField(
        label=label,
        high=rules.ALLOWANCE_MAX,
        places=rules.ALLOWANCE_PLACES,
        message=ALLOWANCE_RANGE,
        error_messages={"invalid": _("Hãy nhập hệ số là một số, ví dụ 0,60.")},
        **kwargs,
    )


def percent_field(label, **kwargs) -> AllowanceField:
    """A percentage allowance (thâm niên vượt khung, other percentages): 0–100."""
    return AllowanceField(
        label=label,
        high=rules.PERCENT_MAX,
        places=rules.PERCENT_PLACES,
        message=PERCENT_RANGE,
        percent=True,
        error_messages={"invalid": _("Hãy nhập số phần trăm là một số, ví dụ 25.")},
        **kwargs,
    )


def _ascii_digits_only(to_python):
    def checked(value):
        if isinstance(value, str) and has_other_digit(value):
            raise ValidationError(OTHER_DIGITS % {"value": value.strip()}, code="invalid")
        return to_python(value)

    return checked


def _helper() -> FormHelper:
    """Fields only: the page template writes the <form> tag and its buttons (save, cancel)."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    return helper


# --------------------------------------------------------------------------- list filters


class OrganizationChoiceField(forms.ModelChoiceField):
    """Organisations indented by their depth below the shallowest one offered."""

    def __init__(self, *args, base_depth: int = 0, **kwargs):
        self.base_depth = base_depth
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return "\u2003" * max(obj.depth - self.base_depth, 0) + obj.name


class PositionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} {obj.name} — {obj.organization.short_name or obj.organization.name}"


class StaffFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên hoặc mã cán bộ"), required=False, max_length=100)
    organization = OrganizationChoiceField(
        label=_("Đơn vị (gồm cả đơn vị trực thuộc)"), queryset=None, required=False, empty_label=_("Tất cả")
    )
    category = forms.ChoiceField(label=_("Loại"), required=False)
    position = PositionChoiceField(label=_("Vị trí việc làm"), queryset=None, required=False, empty_label=_("Tất cả"))
    rank = forms.ModelChoiceField(label=_("Ngạch/chức danh"), queryset=None, required=False, empty_label=_("Tất cả"))
    training_level = forms.ChoiceField(label=_("Trình độ đào tạo"), required=False)
    status = forms.ChoiceField(label=_("Trạng thái"), required=False)

    def __init__(self, data, *, user):
        super().__init__(data)
        orgs = list(reports.organization_choices(user))
        self.fields["organization"].queryset = reports.organization_choices(user)
        self.fields["organization"].base_depth = min((o.depth for o in orgs), default=0)
        self.fields["organization"].choices = [("", _("Tất cả"))] + [
            (o.pk, self.fields["organization"].label_from_instance(o)) for o in orgs
        ]
        self._orgs = {str(o.pk): o for o in orgs}
        self.fields["category"].choices = [("", _("Tất cả")), *StaffCategory.choices]
        self.fields["status"].choices = [*StaffStatus.choices, (ALL, _("Tất cả trạng thái"))]
        self.fields["training_level"].choices = [
            ("", _("Tất cả")),
            *TrainingLevel.choices,
            (NOT_RECORDED, _("Chưa ghi trình độ")),
        ]
        self.fields["rank"].queryset = reports.rank_choices()
        # Positions: of the picked organisation's subtree, or of the whole scope; listed only up
        # to a limit (a national admin's scope holds tens of thousands).
        org = self._orgs.get(str(data.get("organization", ""))) if data else None
        qs, rows, too_many = reports.position_choices(user, org)
        field = self.fields["position"]
        field.queryset = qs
        field.choices = [("", _("Tất cả"))] + [(p.pk, field.label_from_instance(p)) for p in rows]
        if too_many:
            field.help_text = _("Chọn đơn vị để xem đủ danh sách vị trí.")

    def filters(self) -> dict:
        """The valid filters (a bad value is reported on its field and left out)."""
        data = {}
        if self.is_bound:
            self.is_valid()  # cleaned_data keeps the fields that passed
            data = self.cleaned_data
        status = data.get("status") or StaffStatus.WORKING
        return {
            "q": (data.get("q") or "").strip(),
            "organization": data.get("organization"),
            "category": data.get("category") or "",
            "position": data.get("position"),
            "rank": data.get("rank"),
            "training_level": data.get("training_level") or "",
            "status": "" if status == ALL else status,
        }


# --------------------------------------------------------------------------- a person


class StaffForm(forms.ModelForm):
    """A person's record. ``date_of_birth`` also takes a year alone (then "year only" is set)."""

    personal_id = forms.CharField(
        label=_("Số định danh cá nhân"),
        required=False,
        max_length=20,  # spaces are dropped: "001 190 012 345" is accepted
        help_text=_("12 chữ số (số định danh cá nhân / CCCD)."),
    )
    date_of_birth = BirthDateField(
        label=_("Ngày sinh"), help_text=_("dd/mm/yyyy; nếu chỉ biết năm sinh, nhập năm (yyyy).")
    )
    recruitment_date = DMYDateField(label=_("Ngày tuyển dụng"), required=False)
    exit_date = DMYDateField(
        label=_("Ngày nghỉ"), required=False, help_text=_("Bắt buộc khi trạng thái không phải Đang làm việc.")
    )
    leadership_allowance = allowance_field(_("Hệ số phụ cấp chức vụ lãnh đạo"), help_text=_("Ví dụ 0,60."))
    other_allowance = allowance_field(
        _("Hệ số phụ cấp khác"), help_text=_("Tổng các phụ cấp tính theo hệ số (trách nhiệm, độc hại …).")
    )
    seniority_percent = percent_field(
        _("Phụ cấp thâm niên vượt khung (%)"), help_text=_("Phần trăm của hệ số lương, ví dụ 7.")
    )
    allowance_percent = percent_field(
        _("Phụ cấp khác theo tỷ lệ (%)"),
        help_text=_("Tổng các phụ cấp tính theo phần trăm tiền lương, ví dụ 25 (phụ cấp công vụ)."),
    )

    class Meta:
        model = Staff
        fields = [
            "employee_code",
            "personal_id",
            "full_name",
            "date_of_birth",
            "sex",
            "category",
            "organization",
            "rank",
            "salary_step",
            "salary_coefficient",
            "leadership_allowance",
            "other_allowance",
            "seniority_percent",
            "allowance_percent",
            "recruitment_date",
            "insurance_years",
            "training_level",
            "training_field",
            "heavy_work",
            "redundant",
            "deferral",
            "status",
            "exit_date",
        ]
        field_classes = {"organization": OrganizationChoiceField}
        labels = {"training_level": _("Trình độ đào tạo"), "training_field": _("Chuyên ngành đào tạo")}
        help_texts = {
            "training_level": _("Trình độ cao nhất; thấp hơn trình độ vị trí yêu cầu là diện (e) khi xét tinh giản."),
            "training_field": _("Ví dụ: Luật, Quản lý nhà nước."),
        }
        error_messages = {
            "salary_step": {
                "min_value": _("Bậc lương từ 1 đến 12."),
                "max_value": _("Bậc lương từ 1 đến 12."),
                "invalid": _("Bậc lương phải là số nguyên."),
            },
            "salary_coefficient": {"invalid": _("Hệ số lương phải là số, ví dụ 2,34.")},
            "insurance_years": {"invalid": _("Số năm đóng BHXH phải là số, ví dụ 12,5.")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Open organisations the user edits (and the person's own, even if it has closed since).
        orgs = reports.organization_choices(user, roles=EDIT_ROLES).filter(
            Q(valid_to__isnull=True) | Q(pk=self.instance.organization_id)
        )
        self.fields["organization"].queryset = orgs
        self.fields["organization"].base_depth = min(orgs.values_list("depth", flat=True), default=0)
        self.fields["rank"].queryset = reports.rank_choices(self.instance.rank if self.instance.rank_id else None)
        tidy_fields(self, rank=_("— chưa xác định —"), deferral=_("— không —"), training_level=_("— chưa xác định —"))
        if self.instance.pk and self.instance.birth_year_only and not self.is_bound:
            self.initial["date_of_birth"] = str(self.instance.date_of_birth.year)
        self.helper = _helper()
        self.helper.layout = Layout(
            Fieldset(
                _("Nhân thân"),
                Div(
                    Div("employee_code", css_class="col-md-4"),
                    Div("personal_id", css_class="col-md-4"),
                    Div("full_name", css_class="col-md-4"),
                    Div("date_of_birth", css_class="col-md-4"),
                    Div("sex", css_class="col-md-4"),
                    css_class="row",
                ),
            ),
            Fieldset(
                _("Công tác"),
                Div(
                    Div("category", css_class="col-md-4"),
                    Div("organization", css_class="col-md-8"),
                    Div("recruitment_date", css_class="col-md-4"),
                    Div("insurance_years", css_class="col-md-4"),
                    Div("deferral", css_class="col-md-4"),
                    Div("heavy_work", css_class="col-md-6"),
                    Div("redundant", css_class="col-md-6"),
                    Div("status", css_class="col-md-4"),
                    Div("exit_date", css_class="col-md-4"),
                    css_class="row",
                ),
            ),
            Fieldset(
                _("Lương và phụ cấp"),
                Div(
                    Div("rank", css_class="col-md-6"),
                    Div("salary_step", css_class="col-md-3"),
                    Div("salary_coefficient", css_class="col-md-3"),
                    Div("leadership_allowance", css_class="col-md-6"),
                    Div("other_allowance", css_class="col-md-6"),
                    Div("seniority_percent", css_class="col-md-6"),
                    Div("allowance_percent", css_class="col-md-6"),
                    css_class="row",
                ),
            ),
            Fieldset(
                _("Đào tạo"),
                Div(
                    Div("training_level", css_class="col-md-4"),
                    Div("training_field", css_class="col-md-8"),
                    css_class="row",
                ),
            ),
        )

    def clean_employee_code(self):
        code = nfc(self.cleaned_data.get("employee_code") or "")
        if not code:
            raise ValidationError(_("Hãy nhập mã cán bộ."))
        if not rules.EMPLOYEE_CODE_RE.match(code) or rules.is_reserved_code(code):
            if has_other_digit(code):
                raise ValidationError(OTHER_DIGITS % {"value": code})
            raise ValidationError(_("Mã cán bộ không được chứa dấu “/” hoặc trùng tên một trang (new, quotas)."))
        taken = Staff.objects.filter(employee_code=code).exclude(pk=self.instance.pk)
        if taken.exists():
            # Whoever holds it may lie outside the user's scope: do not say where.
            raise ValidationError(_("Mã cán bộ “%(code)s” đã được sử dụng.") % {"code": code})
        return code

    def clean_personal_id(self):
        value = re.sub(r"\s+", "", self.cleaned_data.get("personal_id") or "")
        if not value:
            return None
        if not rules.PERSONAL_ID_RE.fullmatch(value):
            if has_other_digit(value):
                raise ValidationError(OTHER_DIGITS % {"value": value})
            raise ValidationError(_("Số định danh cá nhân gồm đúng 12 chữ số."))
        if Staff.objects.filter(personal_id=value).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("Số định danh cá nhân này đã có trong hệ thống."))
        return value

    def clean_insurance_years(self):
        value = self.cleaned_data.get("insurance_years")
        if value is not None and value < 0:
            raise ValidationError(_("Số năm đóng BHXH không được âm."))
        return value

    def clean(self):
        data = super().clean()
        today = timezone.localdate()
        raw = self.data.get(self.add_prefix("date_of_birth"), "") if self.is_bound else ""
        self.instance.birth_year_only = bool(_YEAR_ONLY.match(raw or ""))
        birth = data.get("date_of_birth")
        if birth:
            if birth > today:
                self.add_error("date_of_birth", _("Ngày sinh không được ở tương lai."))
            elif data.get("status") == StaffStatus.WORKING and not rules.is_working_age(birth, today):
                self.add_error(
                    "date_of_birth",
                    _("Người đang làm việc phải từ đủ 15 đến 70 tuổi (theo ngày sinh này là %(age)s tuổi).")
                    % {"age": rules.age_on(birth, today)},
                )
        recruited = data.get("recruitment_date")
        if birth and recruited and recruited < rules.earliest_recruitment(birth):
            self.add_error(
                "recruitment_date",
                _("Ngày tuyển dụng không được trước ngày đủ 15 tuổi (%(date)s).")
                % {"date": rules.earliest_recruitment(birth).strftime("%d/%m/%Y")},
            )
        rank, coefficient = data.get("rank"), data.get("salary_coefficient")
        if rank and coefficient is not None:
            low, high = rank.coefficient_min, rank.coefficient_max
            if not rules.coefficient_in_range(coefficient, low, high):
                self.add_error(
                    "salary_coefficient",
                    _("Hệ số lương của %(rank)s phải trong khoảng %(low)s – %(high)s.")
                    % {"rank": rank.name, "low": "…" if low is None else low, "high": "…" if high is None else high},
                )
        exit_date = data.get("exit_date")
        if rules.exit_before_birth(exit_date, birth):
            self.add_error("exit_date", _("Ngày nghỉ không được trước ngày sinh."))
        return data


# --------------------------------------------------------------------------- yearly records


class AnnualRecordForm(forms.ModelForm):
    class Meta:
        model = AnnualRecord
        fields = ["year", "rating", "sick_days"]
        error_messages = {
            "year": {
                "min_value": _("Năm phải từ 2000 đến 2100."),
                "max_value": _("Năm phải từ 2000 đến 2100."),
                "invalid": _("Năm phải là số, ví dụ 2025."),
            },
            "sick_days": {
                "min_value": _("Số ngày nghỉ ốm không được âm."),
                "invalid": _("Số ngày nghỉ ốm phải là số nguyên."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rating"].choices = [("", _("— chưa xếp loại —")), *self.fields["rating"].choices[1:]]
        self.fields["year"].widget.attrs.update(
            {"class": "form-control form-control-sm", "min": rules.YEAR_MIN, "max": rules.YEAR_MAX}
        )
        self.fields["sick_days"].widget.attrs.update({"class": "form-control form-control-sm", "min": 0})
        self.fields["rating"].widget.attrs.update({"class": "form-select form-select-sm"})

    def clean_sick_days(self):
        value = self.cleaned_data.get("sick_days")
        if value is not None and value < 0:
            raise ValidationError(_("Số ngày nghỉ ốm không được âm."))
        return value


class BaseAnnualRecordFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            year = form.cleaned_data.get("year")
            if year in seen:
                form.add_error("year", _("Năm %(year)s đã có ở một dòng khác.") % {"year": year})
            seen.add(year)

    def get_unique_error_message(self, unique_check):
        return _("Mỗi năm chỉ có một dòng đánh giá, nghỉ ốm.")


AnnualRecordFormSet = forms.inlineformset_factory(
    Staff,
    AnnualRecord,
    form=AnnualRecordForm,
    formset=BaseAnnualRecordFormSet,
    extra=2,
    can_delete=True,
)


# --------------------------------------------------------------------------- assignments


class AssignmentForm(forms.ModelForm):
    """Give a person a position (validated here, written by ``services.assign_position``)."""

    start_date = DMYDateField(label=_("Từ ngày"))
    end_date = DMYDateField(label=_("Đến ngày"), required=False)

    class Meta:
        model = Assignment
        fields = ["position", "kind", "fte", "start_date", "end_date"]
        field_classes = {"position": PositionChoiceField}
        error_messages = {"fte": {"invalid": _("Tỷ lệ thời gian phải là số, ví dụ 0,5.")}}

    def __init__(self, *args, user, staff: Staff, **kwargs):
        kwargs.setdefault("instance", Assignment(staff=staff))
        kwargs.setdefault("initial", {"start_date": timezone.localdate(), "fte": Decimal(1)})
        super().__init__(*args, **kwargs)
        self.staff = staff
        self.fields["position"].queryset = reports.positions_for_assignment(user)
        tidy_fields(self)
        self.fields["fte"].help_text = _("Từ 0,05 đến 1; tổng của một người không quá 1.")
        self.helper = _helper()

    def clean_fte(self):
        fte = self.cleaned_data.get("fte")
        if fte is not None and not rules.fte_in_range(fte):
            raise ValidationError(_("Tỷ lệ thời gian phải lớn hơn 0 và không quá 1."))
        return fte

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Ngày kết thúc không được trước ngày bắt đầu."))
        if start and data.get("kind") == AssignmentKind.PRIMARY:
            later = (
                Assignment.objects.filter(staff=self.staff, kind=AssignmentKind.PRIMARY, end_date__isnull=True)
                .filter(start_date__gte=start)
                .first()
            )
            if later is not None:
                self.add_error(
                    "start_date",
                    _("Người này đang giữ vị trí chính từ ngày %(date)s; vị trí chính mới phải bắt đầu sau ngày đó.")
                    % {"date": later.start_date.strftime("%d/%m/%Y")},
                )
        return data

    def validate_constraints(self):
        # The one-open-primary and date constraints hold after the service has closed the
        # previous primary position, inside its transaction: it checks them there.
        pass


class EndAssignmentForm(forms.Form):
    end_date = DMYDateField(label=_("Ngày kết thúc"))

    def __init__(self, *args, assignment: Assignment, **kwargs):
        kwargs.setdefault("initial", {"end_date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.assignment = assignment
        self.helper = _helper()

    def clean_end_date(self):
        end = self.cleaned_data["end_date"]
        if end < self.assignment.start_date:
            raise ValidationError(
                _("Ngày kết thúc không được trước ngày bắt đầu (%(date)s).")
                % {"date": self.assignment.start_date.strftime("%d/%m/%Y")}
            )
        return end

    def save(self) -> Assignment:
        self.assignment.end_date = self.cleaned_data["end_date"]
        self.assignment.full_clean()
        self.assignment.save(update_fields=["end_date"])
        return self.assignment


# --------------------------------------------------------------------------- quotas


GRANT_CHOICE_ERROR = _(
    "Hãy chọn một đơn vị trực thuộc đơn vị của bạn: biên chế của một đơn vị do cấp trên của nó giao."
)


class QuotaNestingMixin:
    """Who grants (docs/rules.md §2): the organisation choices are the units whose quota the
    user may grant (``services.grantable_q``), and a stored quota of another unit is refused by
    name; after the model checks, the nesting rule (children's quotas ≤ the parent's), with a
    message naming only what the user may read. Set ``user`` (and ``grant_roles``) first."""

    user = None
    grant_roles = EDIT_ROLES

    def limit_to_grantable(self, queryset):
        grantable = services.grantable_q(self.user, self.grant_roles)
        field = self.fields["organization"]
        field.queryset = queryset if grantable is None else queryset.filter(grantable)
        field.error_messages["invalid_choice"] = GRANT_CHOICE_ERROR
        return field.queryset

    def clean(self):
        cleaned = super().clean()
        stored = self.instance.organization if self.instance.pk and self.instance.organization_id else None
        if stored is not None and not may_grant_quota(scope_for(self.user), stored, self.grant_roles):
            raise ValidationError(services.grant_refused_message(stored))
        return cleaned

    def _post_clean(self):
        super()._post_clean()
        if not self.errors and self.instance.organization_id:
            try:
                services.check_quota_nesting(self.instance, self.user)
            except ValidationError as exc:
                self.add_error(None, exc)


class QuotaForm(QuotaNestingMixin, forms.ModelForm):
    decision_date = DMYDateField(label=_("Ngày quyết định"))

    class Meta:
        model = Quota
        fields = ["organization", "year", "category", "assigned", "decision_number", "decision_date", "issuer"]
        field_classes = {"organization": OrganizationChoiceField}
        error_messages = {
            "assigned": {
                "min_value": _("Số được giao không được âm."),
                "invalid": _("Số được giao phải là số nguyên."),
            },
            "year": {"min_value": _("Năm phải từ 2000 đến 2100."), "max_value": _("Năm phải từ 2000 đến 2100.")},
            NON_FIELD_ERRORS: {
                "unique_together": _("Đơn vị này đã có biên chế được giao cho năm và loại này."),
            },
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        orgs = self.limit_to_grantable(reports.organization_choices(user, roles=EDIT_ROLES))
        self.fields["organization"].base_depth = min(orgs.values_list("depth", flat=True), default=0)
        if not self.instance.pk:
            self.initial["year"] = self.initial.get("year") or timezone.localdate().year
        tidy_fields(self)
        self.helper = _helper()
        self.helper.layout = Layout(
            "organization",
            Div(
                Div("year", css_class="col-md-3"),
                Div("category", css_class="col-md-5"),
                Div("assigned", css_class="col-md-4"),
                Div("decision_number", css_class="col-md-4"),
                Div("decision_date", css_class="col-md-3"),
                Div("issuer", css_class="col-md-5"),
                css_class="row",
            ),
        )


class QuotaFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Năm"), coerce=int, required=False, empty_value=None)
    category = forms.ChoiceField(label=_("Loại biên chế"), required=False)

    def __init__(self, data, *, years):
        super().__init__(data)
        self.fields["year"].choices = [("", _("Tất cả"))] + [(y, y) for y in years]
        self.fields["category"].choices = [("", _("Tất cả")), *QuotaCategory.choices]

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {"year": data.get("year"), "category": data.get("category") or ""}


# --------------------------------------------------------------------------- streamlining (issue 9)


class _RequiredText(forms.CharField):
    """A required multi-line text stored NFC; only spaces or invisible characters count as empty."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value):
        return nfc_multiline(super().to_python(value)).strip()


class StreamliningDecisionForm(forms.Form):
    """Case b, c, d or đ for a person and a review year, with the required note (the basis)."""

    case = forms.ChoiceField(label=_("Trường hợp"))
    note = _RequiredText(
        label=_("Căn cứ, ghi chú"),
        max_length=2000,
        help_text=_("Bắt buộc: quyết định, văn bản hoặc lý do (ví dụ số quyết định sắp xếp, ngày ký, người ký)."),
        error_messages={"required": _("Hãy ghi căn cứ, ghi chú: không ghi được trường hợp mà không có căn cứ.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["case"].choices = [("", _("— chọn —"))] + [(c, StreamliningCase(c).label) for c in DECIDED_CASES]
        self.fields["case"].error_messages["invalid_choice"] = _(
            "Trường hợp “%(value)s” không ghi được theo quyết định; chỉ chọn (b), (c), (d) hoặc (đ)."
        )
        self.fields["case"].error_messages["required"] = _("Hãy chọn trường hợp (b), (c), (d) hoặc (đ).")
        self.helper = _helper()


class StreamliningExclusionForm(forms.Form):
    reason = _RequiredText(
        label=_("Lý do không đưa vào danh sách"),
        max_length=2000,
        error_messages={"required": _("Hãy ghi lý do: không đưa một người ra khỏi danh sách mà không có lý do.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper()


class CandidateSnapshotForm(forms.Form):
    note = forms.CharField(
        label=_("Ghi chú của lần lưu"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control", "id": "sl-note"}),
    )

    def clean_note(self):
        return nfc(self.cleaned_data["note"])
