"""What the form fuzzer knows about pages: the forms on a page (read from its HTML), and a valid baseline post.

Pages are found from the URL conf, so a page added later is fuzzed without a change here as long as its URL needs
no arguments or only a child's ID; a page whose URL needs a record's primary key gets a line in `fuzz_world`'s
table of arguments (tests/fuzz/test_forms.py).
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.urls import URLPattern, URLResolver, get_resolver


def named_patterns(patterns=None, namespace: str | None = None):
    """(URL name, pattern) for every named URL."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            yield from named_patterns(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield (f"{namespace}:{pattern.name}" if namespace else pattern.name), pattern


def url_arguments(pattern: URLPattern) -> set[str]:
    return set(pattern.pattern.converters)


@dataclass
class Field:
    name: str
    kind: str  # text, radio, checkbox, select, textarea, hidden, password
    options: list[str] = field(default_factory=list)
    value: str = ""


@dataclass
class PageForm:
    method: str
    action: str
    fields: dict[str, Field] = field(default_factory=dict)


class _FormReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[PageForm] = []
        self._form: PageForm | None = None
        self._select: Field | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = PageForm(attributes.get("method", "get").lower(), attributes.get("action", ""))
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                return
            known = self._form.fields.setdefault(name, Field(name, kind))
            if kind in ("radio", "checkbox"):
                known.options.append(attributes.get("value", "on"))
            else:
                known.value = attributes.get("value", "")
        elif tag == "textarea" and name:
            self._form.fields.setdefault(name, Field(name, "textarea"))
        elif tag == "select" and name:
            self._select = self._form.fields.setdefault(name, Field(name, "select"))
        elif tag == "option" and self._select is not None:
            self._select.options.append(attributes.get("value", ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


def forms_on(html: str, *, ignore_actions: tuple[str, ...] = ()) -> list[PageForm]:
    """The forms on a page, except those posting to `ignore_actions` (the sign-out button in every header)."""
    reader = _FormReader()
    reader.feed(html)
    return [form for form in reader.forms if form.action not in ignore_actions]


def baseline(form: PageForm, *, day: int, month: int, year: int) -> dict[str, str | list[str]]:
    """A plausible valid answer to every field: the first option of a choice, a real date in date boxes."""
    data: dict[str, str | list[str]] = {}
    for name, known in form.fields.items():
        if name.endswith("-day"):
            data[name] = str(day)
        elif name.endswith("-month"):
            data[name] = str(month)
        elif name.endswith("-year"):
            data[name] = str(year)
        elif name.endswith("-time"):
            data[name] = "10:00"
        elif known.kind == "radio":
            data[name] = known.options[0]
        elif known.kind == "checkbox":
            data[name] = known.options[:1]
        elif known.kind == "select":
            data[name] = next((o for o in known.options if o), "")
        elif known.kind == "hidden":
            data[name] = known.value
        else:
            data[name] = "Fuzz"
    return data
