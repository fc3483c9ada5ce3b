"""Request guards that run before any view."""

from django.http import Http404


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
