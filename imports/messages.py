"""Import messages that are rendered in the reader's language.

The sheets, the value parsers and the readers build their messages as usual, with ``_`` imported
from here instead of from Django::

    from imports.messages import gettext as _

    _("Mã đơn vị “%(code)s” không có trong phạm vi %(scope)s.") % {"code": code, "scope": label}

The result is a ``Message``: a ``str`` holding the text in the language active when it was made
(what the command line prints, what the existing code compares and joins) that also remembers how
it was made — its msgid and its parameters. An import job stores ``spec(message)``, a small JSON
value (the msgid and the parameters; a parameter that is itself a message, or a ``gettext_lazy``
label such as a choice label or a sheet title, is stored as its own msgid), never the rendered
text; the screens call ``render(spec)`` to show it in the language of whoever reads it.

A spec is one of:

- ``{"msgid": …}`` or ``{"msgid": …, "params": {name: value}}`` — a translated message
  (``"context"`` too for ``pgettext``);
- ``{"text": …, "params": …}`` — an untranslated pattern (``literal``) around translated parts;
- ``{"join": separator, "parts": [spec or value, …]}`` — parts joined (``join``);
- a plain string: the text as stored before this module existed (shown as it is).

A parameter value is a plain JSON value (text, number, ``None``) or a spec (a dict).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import Any

from django.utils import translation
from django.utils.functional import Promise

Spec = str | dict


class Message(str):
    """Rendered text that remembers its msgid and parameters (``spec``)."""

    spec: dict

    def __new__(cls, text: str, spec: dict) -> Message:
        obj = super().__new__(cls, text)
        obj.spec = spec
        return obj

    def __mod__(self, params):
        text = str.__mod__(self, params)
        spec = self.spec
        if "params" in spec or "join" in spec:  # already formatted: plain text from here
            return text
        spec = dict(spec)
        spec["params"] = encode_params(params)
        return Message(text, spec)

    def __reduce__(self):
        return (Message, (str(self), self.spec))


def gettext(msgid: str) -> Message:
    """``django.utils.translation.gettext`` that remembers its msgid (use it as ``_``)."""
    return Message(translation.gettext(msgid), {"msgid": msgid})


def pgettext(context: str, msgid: str) -> Message:
    return Message(translation.pgettext(context, msgid), {"context": context, "msgid": msgid})


def literal(pattern: str) -> Message:
    """A pattern that is not translated, around parts that are: ``literal("%(a)s (%(b)s)") % {…}``."""
    return Message(pattern, {"text": pattern})


def join(separator: str, parts: Iterable) -> Message:
    """``separator.join(parts)`` whose translated parts are rendered again in the reader's language."""
    parts = list(parts)
    return Message(separator.join(str(p) for p in parts), {"join": separator, "parts": [encode(p) for p in parts]})


# --------------------------------------------------------------------------- storing


def _lazy_spec(value: Promise) -> Spec:
    """The msgid of a ``gettext_lazy`` / ``pgettext_lazy`` proxy (any other lazy object: its text)."""
    try:
        func, args = value.__reduce__()[1][:2]
    except (AttributeError, TypeError, ValueError, IndexError):
        return str(value)
    if func is translation.gettext and len(args) == 1:
        return {"msgid": args[0]}
    if func is translation.pgettext and len(args) == 2:
        return {"context": args[0], "msgid": args[1]}
    return str(value)


_PLAIN = frozenset({str, int, bool, type(None)})


def encode(value: Any) -> Any:
    """A parameter as JSON: messages and lazy labels as their specs, numbers as numbers, dates
    as dd/mm/yyyy, anything else as its text."""
    if value.__class__ in _PLAIN:
        return value
    if isinstance(value, Message):
        return value.spec
    if isinstance(value, float):
        return value if math.isfinite(value) else str(value)  # JSON has no NaN (PostgreSQL refuses it)
    if isinstance(value, bool | int):
        return value
    if isinstance(value, Promise):
        return _lazy_spec(value)
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    return str(value)


def encode_params(params) -> Any:
    if params.__class__ is dict:
        return {name: value if value.__class__ in _PLAIN else encode(value) for name, value in params.items()}
    if isinstance(params, Mapping):
        return {str(name): encode(value) for name, value in params.items()}
    if isinstance(params, tuple):
        return [encode(value) for value in params]
    return [encode(params)]


def spec(message) -> Spec:
    """What a job stores for a message: its spec, or the text of a plain string."""
    if isinstance(message, Message):
        return message.spec
    if isinstance(message, Promise):
        return _lazy_spec(message)
    return "" if message is None else str(message)


# --------------------------------------------------------------------------- rendering


def _value(value: Any) -> Any:
    return render(value) if isinstance(value, dict) else value


def render(stored: Spec | None) -> str:
    """The text of a stored message in the active language. A translation that does not fit its
    parameters falls back to the Vietnamese msgid; nothing here raises."""
    if stored is None:
        return ""
    if not isinstance(stored, dict):
        return str(stored)
    if "join" in stored:
        return str(stored.get("join", "")).join(str(_value(part)) for part in stored.get("parts") or ())
    if "text" in stored:
        pattern = str(stored["text"])
        msgid = pattern
    else:
        msgid = str(stored.get("msgid", ""))
        context = stored.get("context")
        pattern = translation.pgettext(context, msgid) if context else translation.gettext(msgid)
    params = stored.get("params")
    if params is None:
        return pattern
    values = {k: _value(v) for k, v in params.items()} if isinstance(params, dict) else tuple(map(_value, params))
    for text in (pattern, msgid):
        try:
            return text % values
        except (KeyError, ValueError, TypeError):
            continue
    return msgid


def message(stored: Spec | None) -> str:
    """A stored message as a ``Message`` rendered now (a plain string for text stored as text)."""
    if isinstance(stored, dict):
        return Message(render(stored), stored)
    return "" if stored is None else str(stored)
