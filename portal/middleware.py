"""Request guards that run before any view."""

import errno
import logging

from django.http import Http404
from django.template.response import TemplateResponse

logger = logging.getLogger(__name__)


class RejectNulPathMiddleware:
    """A path with a NUL byte (``/orgs/%00/``, ``/staff/A%00B/edit/``) names nothing: 404, before
    a view hands it to the database (PostgreSQL refuses NUL in text and the page would be a 500).
    Query parameters are the views' own: their forms clean or refuse such values."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path_info:
            raise Http404
        return self.get_response(request)


class UploadSpaceMiddleware:
    """A request body the server cannot store (an upload written to a temporary file on a full
    disk: ENOSPC or EDQUOT) answers 507 with a clear Vietnamese page, nothing written, instead of
    the 500 the first reader of ``request.POST`` (the CSRF check) would raise. Placed before the
    CSRF middleware so that the body is read here first."""

    FULL = {errno.ENOSPC, errno.EDQUOT}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type == "multipart/form-data":
            try:
                request.POST  # noqa: B018 - parses the body (and the uploaded files) now
                request.FILES  # noqa: B018
            except OSError as error:
                if error.errno not in self.FULL:
                    raise
                logger.error("upload refused, the server's disk is full: %s", error)
                return TemplateResponse(request, "507.html", status=507).render()
        return self.get_response(request)
