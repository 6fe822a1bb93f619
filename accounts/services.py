from django.contrib.auth.models import Group, Permission

from .roles import Role

# Administrators manage users and organisations through the admin site, and nothing else.
ADMINISTRATOR_PERMISSIONS = [
    "add_user",
    "change_user",
    "view_user",
    "add_organisation",
    "change_organisation",
    "view_organisation",
]


def roles_ensure() -> None:
    """Create the role groups and the administrator's model permissions (idempotent)."""
    for role in Role:
        Group.objects.get_or_create(name=role.value)
    administrators = Group.objects.get(name=Role.ADMINISTRATOR.value)
    administrators.permissions.set(
        Permission.objects.filter(
            content_type__app_label="accounts", codename__in=ADMINISTRATOR_PERMISSIONS
        )
    )
