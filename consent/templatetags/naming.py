from django import template

from consent.selectors import Context, name_in
from participation.models import YoungPerson

register = template.Library()


@register.filter
def named(young_person: YoungPerson, context: Context) -> str:
    """`{{ young_person|named:"meeting_records" }}`: the only way a template names someone."""
    return name_in(young_person, context)
