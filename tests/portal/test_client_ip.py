"""Login throttling counts the real client address: a client cannot dodge (or aim) a lockout by
sending its own X-Forwarded-For; behind N proxies the address the last proxy saw counts."""

from axes.helpers import get_client_ip_address
from django.test import RequestFactory, override_settings

rf = RequestFactory()


def test_without_proxy_forwarded_for_is_ignored():
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6", REMOTE_ADDR="10.0.0.5")
    assert get_client_ip_address(request) == "10.0.0.5"


@override_settings(AXES_IPWARE_PROXY_COUNT=1, AXES_IPWARE_META_PRECEDENCE_ORDER=["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"])
def test_behind_one_proxy_the_address_it_appended_counts():
    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="10.0.0.5")
    assert get_client_ip_address(request) == "203.0.113.9"
