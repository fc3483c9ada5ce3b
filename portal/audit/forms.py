"""The audit log's filters: person, type of object, organisation (its subtree), dates, one import."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.audit import reports
from portal.text import nfc

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATE_HINT = "dd/mm/yyyy"


class DayField(forms.DateField):
    """A local date typed as dd/mm/yyyy (or ISO); anything else is refused naming the value."""

    def __init__(self, **kwargs):
        widget = forms.DateInput(
            format="%d/%m/%Y", attrs={"placeholder": DATE_HINT, "inputmode": "numeric", "autocomplete": "off"}
        )
        super().__init__(required=False, input_formats=DATE_FORMATS, widget=widget, **kwargs)

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            raise ValidationError(
                _("“%(value)s” không phải là ngày: hãy viết ngày/tháng/năm, ví dụ 31/12/2026."),
                code="invalid",
                params={"value": value},
            ) from None


class ImportField(forms.UUIDField):
    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError:
            raise ValidationError(
                _("Mã lượt nhập “%(value)s” không hợp lệ."), code="invalid", params={"value": value}
            ) from None


class AuditFilterForm(forms.Form):
    actor = forms.CharField(
        label=_("Người thực hiện"),
        required=False,
        max_length=150,
        help_text=_("Tên đăng nhập hoặc họ tên."),
    )
    type = forms.ChoiceField(
        label=_("Loại đối tượng"),
        required=False,
        error_messages={"invalid_choice": _("“%(value)s” không phải là một loại đối tượng trong danh sách.")},
    )
    org = forms.CharField(
        label=_("Mã đơn vị"),
        required=False,
        max_length=35,
        help_text=_("Gồm cả các đơn vị trực thuộc."),
    )
    date_from = DayField(label=_("Từ ngày"))
    date_to = DayField(label=_("Đến ngày"))
    expand = forms.BooleanField(label=_("Hiện từng thay đổi của các lượt nhập dữ liệu"), required=False)
    import_job = ImportField(required=False, widget=forms.HiddenInput)

    def __init__(self, data, *, user):
        super().__init__(data)
        self.user = user
        self.fields["type"].choices = [("", _("Tất cả"))] + [(t.key, t.label) for t in reports.readable_types(user)]

    def clean_actor(self):
        return nfc(self.cleaned_data.get("actor") or "")

    def clean_org(self):
        code = nfc(self.cleaned_data.get("org") or "").upper()
        if not code:
            return None
        org = reports.organization_in_scope(self.user, code)
        if org is None:
            # The same message for an unknown code and one outside the scope: reveal nothing.
            raise forms.ValidationError(
                _("Không có đơn vị mã “%(code)s” trong phạm vi quản lý của bạn.") % {"code": code}
            )
        return org

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error(
                "date_to",
                _("“Đến ngày” (%(end)s) phải từ “Từ ngày” (%(start)s) trở về sau.")
                % {"start": start.strftime("%d/%m/%Y"), "end": end.strftime("%d/%m/%Y")},
            )
        return data

    def filters(self) -> reports.Filters:
        """The valid filters (a bad value is reported on its field and left out)."""
        data = {}
        if self.is_bound:
            self.is_valid()  # cleaned_data keeps the fields that passed
            data = self.cleaned_data
        job = data.get("import_job")
        return reports.Filters(
            actor=data.get("actor") or "",
            type_key=data.get("type") or "",
            organization=data.get("org"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to") if "date_to" not in self.errors else None,
            import_job=str(job) if job else "",
            expand_imports=bool(data.get("expand")),
        )
