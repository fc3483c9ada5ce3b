"""Login throttling: django-axes with two limits.

``AXES_LOCKOUT_PARAMETERS`` counts failures per username+address and per address. django-axes
compares the larger count with one limit, which would lock a whole office behind one NAT address
after ``AXES_FAILURE_LIMIT`` failures; this handler applies ``AXES_FAILURE_LIMIT`` to the
username+address count and ``AXES_ADDRESS_FAILURE_LIMIT`` (higher) to the address count, so
password spraying across usernames from one address is stopped too.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.db.models import Sum


def _failures(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class AddressThrottleHandler(AxesDatabaseHandler):
    """``AXES_LOCKOUT_PARAMETERS`` must be ``[["username", "ip_address"], "ip_address"]``."""

    def get_failures(self, request, credentials=None) -> int:
        pair, address = self.get_user_attempts(request, credentials)
        pair_failures = _failures(pair)
        if _failures(address) >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return max(pair_failures, get_failure_limit(request, credentials))
        return pair_failures

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful login clears that username's failures only, not the address's: else a
        sprayer with one account of their own would clear the address count by logging in."""
        pair = self.filter_user_attempts(request, credentials)[0]
        count, _ = pair.delete()
        return count
