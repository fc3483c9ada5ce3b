"""Forms of the merge pages (/reports/merges/): a scenario's units and new unit, and its choices (the
combined catalogue's mapping, the new positions' codes, names and people needed, the norms).
Parsing only: ``staffing.services`` checks the rules and writes."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.models import OrgKind
from portal.text import nfc
from staffing import merges
from staffing.forms import DMYDateField
from staffing.models import QuotaCategory


class UnitChoices(forms.ModelMultipleChoiceField):
    """The units, indented by their depth below the page's organisation (``root_depth``)."""

    root_depth = -1

    def label_from_instance(self, obj):
        return f"{'— ' * max(0, obj.depth - self.root_depth - 1)}{obj.name} ({obj.code})"


class ParentChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{'— ' * obj.depth}{obj.name} ({obj.code})"


class ScenarioForm(forms.Form):
    """The units to merge (open units under the page's organisation) and the new unit."""

    title = forms.CharField(label=_("Tên phương án"), max_length=200)
    units = UnitChoices(
        label=_("Các đơn vị sáp nhập"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Hãy chọn ít nhất 2 đơn vị để sáp nhập.")},
    )
    new_name = forms.CharField(label=_("Tên đơn vị mới"), max_length=255)
    new_code = forms.CharField(
        label=_("Mã định danh của đơn vị mới"),
        max_length=35,
        help_text=_("Tối đa 35 ký tự: chữ số, chữ in hoa không dấu, dấu chấm hoặc gạch ngang."),
    )
    new_kind = forms.ChoiceField(label=_("Loại hình"), choices=OrgKind.choices)
    new_parent = ParentChoice(label=_("Đơn vị cấp trên của đơn vị mới"), queryset=None, required=False)
    effective_date = DMYDateField(
        label=_("Ngày sáp nhập có hiệu lực"),
        help_text=_("Đơn vị mới hoạt động từ ngày này; các đơn vị cũ kết thúc hoạt động ngày hôm trước."),
    )
    decision_number = forms.CharField(
        label=_("Số quyết định sáp nhập"),
        max_length=80,
        required=False,
        help_text=_("Cần khi áp dụng nếu đơn vị mới được giao biên chế."),
    )
    decision_date = DMYDateField(label=_("Ngày quyết định"), required=False)
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=200, required=False)

    def __init__(self, *args, units, parents, root=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = units
        self.fields["units"].root_depth = root.depth if root is not None else -1
        self.fields["new_parent"].queryset = parents
        self.fields["new_parent"].empty_label = _("— (đơn vị cấp cao nhất)")

    def clean_new_code(self):
        return self.cleaned_data["new_code"].strip().upper()

    def clean(self):
        data = super().clean()
        for name in ("title", "new_name", "decision_number", "issuer"):
            if data.get(name):
                data[name] = nfc(data[name])
        return data


def _number_messages(what: str) -> dict:
    """The messages of a whole-number field that name it (``what``) and what is allowed."""
    return {
        "required": _("%(what)s: hãy nhập một số nguyên từ 0.") % {"what": what},
        "invalid": _("%(what)s: hãy nhập một số nguyên từ 0 (chỉ gồm chữ số 0–9).") % {"what": what},
        "min_value": _("%(what)s không được âm: hãy nhập một số nguyên từ 0.") % {"what": what},
        "max_value": _("%(what)s quá lớn: tối đa %%(limit_value)s.") % {"what": what},
    }


class ChoicesForm(forms.Form):
    """One field per old position (``map-<id>``: the new position it goes to, or a position of its
    own), per new position (``code-<key>``, ``name-<key>``, ``needed-<key>``) and per quota category
    of the figures (``norm-<category>``), built from a scenario's frozen figures."""

    def __init__(self, *args, figures: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.positions = figures.get("positions", [])
        self.categories = figures.get("categories", [])
        targets = [(p["key"], f"{p['code']} — {p['name']}") for p in self.positions]
        targets.append((merges.OWN, _("Tách thành vị trí riêng")))
        for p in self.positions:
            key = p["key"]
            self.fields[f"code-{key}"] = forms.CharField(
                label=_("Mã vị trí"), max_length=30, initial=p["code"], widget=forms.TextInput(attrs={"size": 10})
            )
            self.fields[f"name-{key}"] = forms.CharField(label=_("Tên vị trí"), max_length=255, initial=p["name"])
            self.fields[f"needed-{key}"] = forms.IntegerField(
                label=_("Số người cần"),
                min_value=0,
                max_value=merges.NEEDED_MAX,
                initial=p["needed"],
                error_messages=_number_messages(_("Số người cần của vị trí %(code)s") % {"code": p["code"]}),
            )
            for old in p["olds"]:
                self.fields[f"map-{old['id']}"] = forms.ChoiceField(
                    label=_("Chuyển vào vị trí"), choices=targets, initial=key
                )
        for c in self.categories:
            self.fields[f"norm-{c['category']}"] = forms.IntegerField(
                label=QuotaCategory(c["category"]).label,
                min_value=0,
                initial=c["norm"],
                error_messages=_number_messages(_("Định mức %(category)s") % {"category": c["category"]}),
            )

    def rows(self):
        """Per new position: its figures, its code/name/needed fields and, per old position, the
        old position's figures and its mapping field."""
        for p in self.positions:
            key = p["key"]
            yield {
                "position": p,
                "code": self[f"code-{key}"],
                "name": self[f"name-{key}"],
                "needed": self[f"needed-{key}"],
                "olds": [{"old": old, "map": self[f"map-{old['id']}"]} for old in p["olds"]],
            }

    def norm_fields(self):
        return [(c, self[f"norm-{c['category']}"]) for c in self.categories]

    def choices(self) -> dict:
        """The cleaned values as ``services.update_scenario_choices`` takes them."""
        data = self.cleaned_data
        out = {"mapping": {}, "needed": {}, "codes": {}, "names": {}, "norms": {}}
        for p in self.positions:
            key = p["key"]
            out["codes"][key] = data[f"code-{key}"].strip()
            out["names"][key] = nfc(data[f"name-{key}"])
            out["needed"][key] = data[f"needed-{key}"]
            for old in p["olds"]:
                out["mapping"][int(old["id"])] = data[f"map-{old['id']}"]
        for c in self.categories:
            out["norms"][c["category"]] = data[f"norm-{c['category']}"]
        return out


class ApplyForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Tôi đã xem và xác nhận các thay đổi trên."),
        error_messages={"required": _("Hãy đánh dấu ô xác nhận để áp dụng phương án.")},
    )
