from django import template
from django.core.paginator import Page

register = template.Library()


@register.simple_tag(takes_context=True)
def url_replace(context, **changes) -> str:
    """The current query string with `changes` applied, for links that must keep filters and search terms.

    `{% url_replace page=2 %}` gives `?q=smith&page=2` on `/children/?q=smith&page=1`; a value of None
    removes the parameter.
    """
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None:
            query.pop(key, None)
        else:
            query[key] = value
    return f"?{query.urlencode()}" if query else "?"


@register.simple_tag
def page_numbers(page_obj: Page, on_each_side: int = 2, on_ends: int = 1) -> list:
    """Page numbers around the current page, with `Paginator.ELLIPSIS` for gaps, as GOV.UK pagination shows them."""
    return list(page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=on_each_side, on_ends=on_ends))
