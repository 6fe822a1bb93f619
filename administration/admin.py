"""The admin site: administrators run staff accounts and organisations, never cases.

- Only staff accounts are here: a young person's account belongs to their case team, who
  hand over invitation codes in the browser. No administrator sets or resets a passphrase
  or switches a young person's account on.
- Nobody sets another person's password: a new account, or a forgotten password, gets a
  single-use link by email, valid for an hour. An account's email address is fixed once it
  is made, so no administrator can point the link at an inbox of their own.
- Roles are changed here, never one's own; giving the CSE-lead or administrator role waits
  for a second administrator (Role changes), and every change alerts the person's CSE leads.
- Accounts are switched off, never deleted: their history stays.
- Every change an administrator makes to an account is an access event.
"""

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.forms import StaffPasswordResetForm
from accounts.models import Organisation, RoleChange, User
from accounts.powers import (
    account_administer_allowed,
    role_change_allowed,
    role_change_decide_allowed,
)
from accounts.roles import Role
from accounts.services import sessions_end
from audit.services import Action, Outcome, access_event_record

from .services import ROLE_CHANGE_REFUSED, role_change_decide, roles_change

# Roles are set on each account, through the rules above; never by editing a group. Second
# factors are set up by their owners and reset by a second person in the service itself: the
# admin site shows no device and no secret.
admin.site.unregister(Group)
admin.site.unregister(TOTPDevice)
admin.site.unregister(StaticDevice)


def _actor(request: HttpRequest) -> User:
    """The signed-in administrator (the admin site lets nobody else past its door)."""
    assert isinstance(request.user, User)  # noqa: S101
    return request.user


def _recorded(request: HttpRequest, what: str, user: User) -> None:
    access_event_record(
        request=request, action=Action.CHANGE, outcome=Outcome.ALLOWED, what=what, object_id=user.pk
    )


class AdministratorsOnly:
    """Every page here needs the administrator role (not Django's model permissions alone)."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return account_administer_allowed(actor=request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return account_administer_allowed(actor=request.user)


@admin.register(Organisation)
class OrganisationAdmin(AdministratorsOnly, admin.ModelAdmin):
    list_display = ["name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return account_administer_allowed(actor=request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return account_administer_allowed(actor=request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class StaffAccountForm(forms.ModelForm):
    roles = forms.MultipleChoiceField(
        choices=Role.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "Giving someone the CSE lead or administrator role waits for a second "
            "administrator to approve it. You cannot change your own roles."
        ),
    )

    class Meta:
        model = User
        fields = ("email", "full_name", "organisation", "is_active")
        labels = {"is_active": "Account switched on"}

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        if "email" in self.fields:  # read-only once the account exists
            self.fields["email"].required = True
        self.fields["full_name"].required = True
        own = self.instance.pk is not None and self.instance.pk == actor.pk
        self.initial["roles"] = sorted(self.instance.role_names) if self.instance.pk else []
        if own:
            self.fields["roles"].disabled = True
            self.fields["is_active"].disabled = True

    def clean_roles(self) -> list[str]:
        roles = self.cleaned_data["roles"]
        changed = set(roles) != set(self.initial.get("roles", []))
        if (
            changed
            and self.instance.pk
            and not role_change_allowed(actor=self.actor, user=self.instance)
        ):
            raise ValidationError(ROLE_CHANGE_REFUSED)
        return roles


@admin.register(User)
class StaffAccountAdmin(AdministratorsOnly, admin.ModelAdmin):
    form = StaffAccountForm
    ordering = ["email"]
    list_display = ["__str__", "email", "organisation", "role_list", "is_active"]
    list_filter = ["is_active", "groups", "organisation"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        ("Person", {"fields": ("full_name", "email", "organisation")}),
        ("Access", {"fields": ("is_active", "roles")}),
    )
    actions = ["send_password_link"]

    @admin.display(description="Roles")
    def role_list(self, user: User) -> str:
        return ", ".join(user.role_labels)

    def get_queryset(self, request: HttpRequest) -> QuerySet[User]:
        return super().get_queryset(request).filter(kind=User.Kind.STAFF).prefetch_related("groups")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # An email address is fixed once the account exists: changing it, then sending a
        # password link, would let an administrator take the account over. Someone who needs a
        # new address gets a new account, and their caseload moves to it.
        return ["email"] if obj is not None else []

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any):
        form = super().get_form(request, obj, change=change, **kwargs)
        actor = request.user

        class WithActor(form):  # type: ignore[misc, valid-type]
            def __init__(self, *args: Any, **inner: Any) -> None:
                super().__init__(*args, actor=actor, **inner)

        return WithActor

    def has_add_permission(self, request: HttpRequest) -> bool:
        return account_administer_allowed(actor=request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return account_administer_allowed(actor=request.user, user=obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # switched off instead: an account's history stays

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        if not change:
            obj.kind = User.Kind.STAFF
            obj.set_unusable_password()  # they choose one from the emailed link
        obj.save()
        _recorded(request, "staff account", obj)
        if not obj.is_active:
            sessions_end(user=obj)  # switched off: signed out on every device at once

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        user = form.instance
        wanted = set(form.cleaned_data["roles"])
        if wanted != (set(user.groups.values_list("name", flat=True)) & set(Role.values)):
            for role_change in roles_change(actor=_actor(request), user=user, roles=wanted):
                _recorded(request, "staff roles", user)
                if role_change.status == RoleChange.Status.WAITING:
                    messages.warning(
                        request,
                        f"Giving {user} the {Role(role_change.role).label} role waits for a "
                        "second administrator to approve it.",
                    )
        if not change and StaffPasswordResetForm.send_to(request=request, user=user):
            _recorded(request, "password link", user)
            messages.info(request, f"{user} has been sent a link to choose their password.")

    @admin.action(description="Send a link to choose a new password")
    def send_password_link(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        sent = [
            user for user in queryset if StaffPasswordResetForm.send_to(request=request, user=user)
        ]
        for user in sent:
            _recorded(request, "password link", user)
        messages.info(
            request,
            f"Sent {len(sent)} link(s), each working once, for an hour. Switched-off accounts "
            "get none.",
        )


@admin.register(RoleChange)
class RoleChangeAdmin(AdministratorsOnly, admin.ModelAdmin):
    """The history of role changes, and those waiting for a second administrator."""

    list_display = [
        "user",
        "role",
        "giving",
        "status",
        "requested_by",
        "requested_at",
        "decided_by",
    ]
    list_filter = ["status", "role"]
    actions = ["approve", "refuse"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def _decide(self, request: HttpRequest, queryset: QuerySet[RoleChange], approve: bool) -> None:
        decided = 0
        for change in queryset.select_related("user"):
            if not role_change_decide_allowed(actor=_actor(request), change=change):
                messages.error(
                    request,
                    f"You cannot decide “{change}”: a second administrator decides, not the one "
                    "who asked nor the person it is for, and only while it is waiting.",
                )
                continue
            role_change_decide(actor=_actor(request), change=change, approve=approve)
            _recorded(request, "staff roles", change.user)
            decided += 1
        if decided:
            messages.success(request, f"{'Approved' if approve else 'Refused'} {decided}.")

    @admin.action(description="Approve the selected role changes")
    def approve(self, request: HttpRequest, queryset: QuerySet[RoleChange]) -> None:
        self._decide(request, queryset, approve=True)

    @admin.action(description="Refuse the selected role changes")
    def refuse(self, request: HttpRequest, queryset: QuerySet[RoleChange]) -> None:
        self._decide(request, queryset, approve=False)
