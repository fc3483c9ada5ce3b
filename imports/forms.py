"""Forms of the import/export screens: what to import (kind, scope, file) and what to export."""

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from imports.registry import sheets
from imports.reports import import_scopes
from portal.forms import OrganizationChoiceField
from portal.models import scope_for


class ScopeChoiceField(OrganizationChoiceField):
    def label_from_instance(self, obj):
        return f"{super().label_from_instance(obj)} ({obj.code})"


def sheets_for(user):
    """The registered sheets the user may import or export, in the order of docs/import-format.md
    (reference data of the whole portal: national admins only)."""
    national = scope_for(user).national
    return [sheet for sheet in sheets() if national or not getattr(sheet, "national_only", False)]


class _ScopedForm(forms.Form):
    """Kind and scope: an organisation the user administers; a national admin may leave it empty
    (the whole portal)."""

    kind = forms.ChoiceField(label=_("Loại dữ liệu"), choices=())
    organization = ScopeChoiceField(label=_("Phạm vi (đơn vị)"), queryset=None)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(sheet.kind, sheet.title) for sheet in sheets_for(user)]
        scope = self.fields["organization"]
        scope.queryset = import_scopes(user)
        scope.help_text = _("Mọi dòng của tệp phải thuộc đơn vị này hoặc các đơn vị trực thuộc.")
        if scope_for(user).national:
            scope.required = False
            scope.empty_label = _("Toàn cổng (mọi đơn vị)")
        else:
            scope.empty_label = None
        self.helper = FormHelper()
        self.helper.form_tag = False


class ImportForm(_ScopedForm):
    file = forms.FileField(
        label=_("Tệp dữ liệu"),
        help_text=_("Tệp Excel .xlsx (trang tính đầu tiên) hoặc .csv (UTF-8), dòng 1 là tiêu đề cột."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        max_size = settings.IMPORT_MAX_FILE_SIZE
        self.fields["file"].widget.attrs.update(
            {
                "data-max-size": str(max_size),
                "data-too-big": str(_("Tệp quá lớn: tối đa %(max)s.") % {"max": filesizeformat(max_size)}),
            }
        )

    def clean_file(self):
        """The size limit, checked before anything is read."""
        upload = self.cleaned_data["file"]
        max_size = settings.IMPORT_MAX_FILE_SIZE
        if upload.size > max_size:
            raise forms.ValidationError(
                _("Tệp “%(name)s” quá lớn (%(size)s); tối đa %(max)s. Hãy chia tệp thành nhiều tệp nhỏ hơn.")
                % {"name": upload.name, "size": filesizeformat(upload.size), "max": filesizeformat(max_size)}
            )
        return upload


class ExportForm(_ScopedForm):
    format = forms.ChoiceField(
        label=_("Định dạng"),
        choices=[("xlsx", _("Excel (.xlsx)")), ("csv", _("CSV UTF-8 (.csv)"))],
        initial="xlsx",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].help_text = _("Xuất dữ liệu của đơn vị này và các đơn vị trực thuộc.")
