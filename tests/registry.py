"""The app registry, read as the data protection tests need it."""

from django.apps import apps
from django.db import models

from participation.models import YoungPerson


def models_tied_to_a_young_person() -> set[type[models.Model]]:
    """Every model that points at a young person, directly or through another that does."""
    tied: set[type[models.Model]] = {YoungPerson}
    grew = True
    while grew:
        grew = False
        for model in apps.get_models():
            if model not in tied and any(
                field.is_relation and field.related_model in tied
                for field in model._meta.concrete_fields
            ):
                tied.add(model)
                grew = True
    return tied
