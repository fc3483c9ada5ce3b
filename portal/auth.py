"""Two-step sign-in (TOTP, django-otp) and its recovery codes.

After the password, a user with a confirmed authenticator device must enter a code (or a one-time
recovery code) before any page, the Django admin included, opens. With
``VTVL_REQUIRE_2FA_FOR_ADMINS`` on, an organisation or national admin (or a superuser) without a
device is sent to the enrolment page first. Whether a session needs either step is decided when
the user logs in and kept in the session (no query per request).
"""

from base64 import b32encode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import devices_for_user, match_token, user_has_device
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.models import ADMIN_ROLES

SESSION_KEY = "vtvl_two_factor"  # "verify" | "enrol" | "" (nothing needed)
RECOVERY_CODES = 10
# Pages a user between the password and the code may open.
OPEN_URL_NAMES = frozenset({"two_factor_verify", "two_factor_setup", "logout", "set_language", "login"})


def two_factor_required(user) -> bool:
    """An admin (organisation, national, superuser) must use two-step sign-in when the setting is on."""
    if not settings.VTVL_REQUIRE_2FA_FOR_ADMINS:
        return False
    return user.is_superuser or user.memberships.filter(role__in=ADMIN_ROLES).exists()


def pending_step(user) -> str:
    if user_has_device(user, confirmed=True):
        return "verify"
    return "enrol" if two_factor_required(user) else ""


@receiver(user_logged_in)
def _decide_on_login(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = pending_step(user)


class TwoFactorMiddleware:
    """Between the password and the code only the sign-in pages open (after OTPMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        step = request.session.get(SESSION_KEY)
        if step is None:  # a session from before this feature: decide once
            step = request.session[SESSION_KEY] = pending_step(user)
        match = request.resolver_match
        if not step or (match and match.url_name in OPEN_URL_NAMES and not match.namespace):
            return None
        target = reverse("two_factor_verify" if step == "verify" else "two_factor_setup")
        return redirect(
            f"{target}?{urlencode({'next': request.get_full_path()})}" if request.method == "GET" else target
        )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã xác thực"),
        max_length=16,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split())


WRONG_CODE = gettext_lazy(
    "Mã không đúng, đã hết hạn hoặc đã dùng. Nhập mã 6 chữ số đang hiện trong ứng dụng xác thực, "
    "hoặc một mã khôi phục chưa dùng."
)


def _next_url(request):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=request.is_secure()):
        return url
    return reverse(settings.LOGIN_REDIRECT_URL)


def verify(request):
    """The second step: a TOTP code or a recovery code (each recovery code works once)."""
    if request.user.is_verified() or not user_has_device(request.user, confirmed=True):
        return redirect(_next_url(request))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            request.session[SESSION_KEY] = ""
            if isinstance(device, StaticDevice):
                left = StaticToken.objects.filter(device=device).count()
                messages.warning(request, _("Bạn đã dùng một mã khôi phục; còn %(left)d mã.") % {"left": left})
            return redirect(_next_url(request))
        form.add_error("code", WRONG_CODE)
    return render(request, "registration/two_factor_verify.html", {"form": form, "next": _next_url(request)})


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=_("Mã khôi phục"))
    codes = [StaticToken.random_token() for _n in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def setup(request):
    """Enrolment: add the secret to an authenticator app, confirm with a code, get recovery codes."""
    user = request.user
    if user_has_device(user, confirmed=True):
        if not user.is_verified():
            return redirect("two_factor_verify")
        context = {"enabled": True, "required": two_factor_required(user), "form": CodeForm()}
        return render(request, "registration/two_factor_setup.html", context)
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
        user=user, name=_("Ứng dụng xác thực"), confirmed=False
    )
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            request.session[SESSION_KEY] = ""
            codes = _new_recovery_codes(user)
            return render(request, "registration/two_factor_codes.html", {"codes": codes})
        form.add_error("code", WRONG_CODE)
    context = {
        "form": form,
        "secret": b32encode(device.bin_key).decode(),
        "config_url": device.config_url,
        "required": request.session.get(SESSION_KEY) == "enrol",
    }
    return render(request, "registration/two_factor_setup.html", context)


@require_POST
def disable(request):
    """Turn two-step sign-in off: only with a valid code, and never for a user who must use it."""
    user = request.user
    if not user_has_device(user, confirmed=True):
        return redirect("two_factor_setup")
    if two_factor_required(user):
        raise Http404
    form = CodeForm(request.POST)
    if form.is_valid() and match_token(user, form.cleaned_data["code"]) is not None:
        for device in devices_for_user(user, confirmed=None):
            device.delete()
        request.session[SESSION_KEY] = ""
        messages.success(request, _("Đã tắt đăng nhập hai bước."))
        return redirect("two_factor_setup")
    if form.is_valid():
        form.add_error("code", WRONG_CODE)
    context = {"enabled": True, "required": False, "form": form}
    return render(request, "registration/two_factor_setup.html", context)
