from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from portal.models import ADMIN_ROLES, Membership, Role, scope_for


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
    organization = forms.ModelChoiceField(label=_("Đơn vị"), queryset=None, required=False)

    def __init__(self, *args, actor, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.scope = scope_for(actor)
        roles = [(r.value, r.label) for r in Role if r != Role.NATIONAL_ADMIN or self.scope.national]
        self.fields["role"].choices = roles
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
