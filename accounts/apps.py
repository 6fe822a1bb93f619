from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _roles_ensure(**kwargs: Any) -> None:
    from .services import roles_ensure

    roles_ensure()


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Users and organisations"

    def ready(self) -> None:
        post_migrate.connect(_roles_ensure, sender=self)
