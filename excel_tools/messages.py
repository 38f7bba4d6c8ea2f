"""User-facing messages as translation keys, without Flask.

``excel_tools`` is a pure library, so it cannot call Flask-Babel. A message is written as
``N_("Danish source text with %(cell)s", cell="A7")``: ``pybabel extract -k N_`` picks the
Danish text up as a msgid, and the result is a :class:`Message` – a ``str`` holding the
Danish text (what a command line or a log prints) that also remembers its msgid and
parameters, so the app can translate it in the request's language at the edge
(``message.render(gettext)``; not ``translate``, which ``str`` already has).
"""

from __future__ import annotations

from collections.abc import Callable


class Message(str):
    """Danish text of a message, plus the msgid and parameters to translate it later."""

    msgid: str
    params: dict[str, object]

    def __new__(cls, msgid: str, **params: object) -> Message:
        """The Danish rendering of ``msgid % params`` that remembers both."""
        self = super().__new__(cls, msgid % params if params else msgid)
        self.msgid = msgid
        self.params = params
        return self

    def render(self, gettext: Callable[[str], str]) -> str:
        """The message in the language ``gettext`` translates to (parameters too)."""
        params = {key: translated(value, gettext) for key, value in self.params.items()}
        text = gettext(self.msgid)
        return text % params if params else text


def translated(value: object, gettext: Callable[[str], str]) -> object:
    """``value`` translated when it is a Message; anything else unchanged."""
    return value.render(gettext) if isinstance(value, Message) else value


def N_(msgid: str, **params: object) -> Message:  # noqa: N802 - the usual gettext marker name
    """Mark ``msgid`` (Danish) for extraction; parameters fill its ``%(name)s`` slots."""
    return Message(msgid, **params)
