"""Two-step sign-in in the browser: a required admin enrols, gets recovery codes, signs in again."""

from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.browser import login, logout, screenshot


def code(device, drift=0):
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift):06d}"


def test_an_admin_enrols_and_signs_in_with_a_code(page, live_server, demo_data, settings):
    settings.VTVL_REQUIRE_2FA_FOR_ADMINS = True
    login(page, live_server, "orgadmin_a")
    assert "/accounts/2fa/" in page.url
    assert "Tài khoản quản trị phải bật đăng nhập hai bước" in page.locator("main").inner_text()
    screenshot(page, "two-factor-01-setup")
    device = TOTPDevice.objects.get(user__username="orgadmin_a", confirmed=False)
    page.locator("#id_code").fill(code(device))
    page.locator("main form button[type=submit]").click()
    page.locator("main ul.font-monospace li").first.wait_for()
    assert page.locator("main ul.font-monospace li").count() == 10
    screenshot(page, "two-factor-02-codes")

    logout(page)
    login(page, live_server, "orgadmin_a")
    assert "/accounts/2fa/verify/" in page.url
    screenshot(page, "two-factor-03-verify")
    page.locator("#id_code").fill(code(device, drift=1))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{live_server.url}/")
