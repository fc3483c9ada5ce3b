from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from portal.collation import in_tree_order
from portal.models import ADMIN_ROLES, Membership, Role, scope_for


class _TreeOrderIterator(ModelChoiceIterator):
    """The queryset's organisations in tree order, siblings in Vietnamese order (one query)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        orgs = in_tree_order(self.queryset.iterator())
        self.field.base_depth = min((o.depth for o in orgs), default=0)
        for org in orgs:
            yield self.choice(org)


class OrganizationChoiceField(forms.ModelChoiceField):
    """An organisation drop-down in tree order, siblings sorted as on the tree page (by kind, then
    name in Vietnamese order), each name indented by its depth below the shallowest one offered."""

    iterator = _TreeOrderIterator
    base_depth = 0

    def label_from_instance(self, obj):
        return "\u2003" * max(obj.depth - self.base_depth, 0) + obj.name


class OrganizationSearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm đơn vị"), required=False, max_length=100)


class MembershipForm(forms.Form):
    """Grant a role over an organisation's subtree to a new or existing user."""

    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    password = forms.CharField(
        label=_("Mật khẩu ban đầu"),
        widget=forms.PasswordInput(render_value=False),
        required=False,
        help_text=_("Bắt buộc khi tạo người dùng mới."),
    )
    role = forms.ChoiceField(label=_("Vai trò"), choices=())
    organization = OrganizationChoiceField(label=_("Đơn vị"), queryset=None, required=False)

    def __init__(self, *args, actor, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.scope = scope_for(actor)
        # Nothing pre-selected: the first role listed is the most powerful one.
        roles = [(r.value, r.label) for r in Role if r != Role.NATIONAL_ADMIN or self.scope.national]
        self.fields["role"].choices = [("", _("— chọn —")), *roles]
        self.fields["organization"].queryset = organizations
        # The user model's own rule (letters, digits, @.+-_), so a bad name is a form error, not a 500.
        self.fields["username"].validators.append(get_user_model().username_validator)
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Lưu")))

    def clean(self):
        data = super().clean()
        User = get_user_model()
        username = data.get("username")
        role = data.get("role")
        org = data.get("organization")
        if role and role != Role.NATIONAL_ADMIN and not org:
            self.add_error("organization", _("Hãy chọn đơn vị cho vai trò này."))
        if role == Role.NATIONAL_ADMIN:
            data["organization"] = None
        if not username:
            return data
        existing = User.objects.filter(username=username).first()
        if existing is None:
            if not data.get("password"):
                self.add_error("password", _("Hãy nhập mật khẩu ban đầu cho người dùng mới."))
            else:
                candidate = User(username=username, email=data.get("email") or "")
                try:
                    password_validation.validate_password(data["password"], candidate)
                except forms.ValidationError as exc:
                    self.add_error("password", exc)
        elif (
            not self.scope.national
            and not Membership.objects.for_user(self.actor, ADMIN_ROLES).filter(user=existing).exists()
        ):
            # The user belongs elsewhere: say no more than that the name is taken.
            self.add_error("username", _("Tên đăng nhập này đã được sử dụng."))
        elif Membership.objects.filter(user=existing, role=role, organization=data.get("organization")).exists():
            self.add_error("role", _("Người dùng đã có vai trò này tại đơn vị này."))
        data["existing_user"] = existing
        return data


class OrganizationForm(forms.ModelForm):
    """Create or edit an organisation in the portal. The parent is given by its code (a list of
    thousands would not fit a drop-down) and must lie in the actor's admin scope."""

    parent_code = forms.CharField(
        label=_("Mã đơn vị cấp trên"),
        max_length=35,
        required=False,
        help_text=_("Để trống nếu là đơn vị cấp cao nhất (chỉ quản trị toàn quốc)."),
    )

    class Meta:
        from portal.models import Organization

        model = Organization
        fields = ["code", "name", "short_name", "name_en", "kind", "admin_unit_code", "valid_from", "valid_to"]

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.scope = scope_for(actor)
        if self.instance.pk and self.instance.parent_id and "parent_code" not in self.initial:
            self.initial["parent_code"] = self.instance.parent.code
        for name in ("valid_from", "valid_to"):
            self.fields[name].widget = forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})
        self.helper = FormHelper()
        self.helper.add_input(Submit("submit", _("Lưu")))

    def clean_code(self):
        return (self.cleaned_data.get("code") or "").strip().upper()

    def clean_parent_code(self):
        from portal.models import Organization

        code = (self.cleaned_data.get("parent_code") or "").strip().upper()
        if not code:
            if not self.scope.national:
                raise forms.ValidationError(_("Hãy nhập mã đơn vị cấp trên."))
            return None
        parent = Organization.objects.filter(code=code).first()
        allowed = parent is not None and (
            self.scope.covers(parent.path, ADMIN_ROLES)
            or (self.instance.pk is not None and parent.pk == self.instance.parent_id)
        )
        if not allowed:
            # Same message for an unknown code and one outside the scope: reveal nothing.
            raise forms.ValidationError(
                _("Không có đơn vị mã “%(code)s” trong phạm vi quản lý của bạn.") % {"code": code}
            )
        if self.instance.pk and parent.path.startswith(self.instance.path):
            raise forms.ValidationError(_("Không thể chọn chính đơn vị này hoặc đơn vị cấp dưới của nó làm cấp trên."))
        return parent

    def save(self, commit=True):
        self.instance.parent = self.cleaned_data.get("parent_code")
        return super().save(commit=commit)
