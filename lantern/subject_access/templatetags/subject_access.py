"""The link to a child's subject access page, for pages outside this app (the record's access log).

The decision (who may produce a file) stays with subject access; the record app shows the link through this tag
rather than importing subject access, which itself reads the record: the imports go one way only.
"""

from django import template

from lantern.subject_access.selectors import may_produce

register = template.Library()


@register.inclusion_tag("subject_access/_link.html", takes_context=True)
def subject_access_link(context, child) -> dict:
    """A list item linking to the child's subject access page, for the data protection officer only."""
    return {"child": child, "shown": may_produce(context["request"].user)}
