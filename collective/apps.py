from django.apps import AppConfig


class CollectiveConfig(AppConfig):
    name = "collective"
    verbose_name = "Collective participation: opportunities young people are offered"
