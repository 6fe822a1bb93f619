import uuid
from typing import Any, ClassVar

from django.contrib.auth.models import (
    AbstractBaseUser,
    BaseUserManager,
    Group,
    PermissionsMixin,
)
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower

from .roles import Role


class Organisation(models.Model):
    class Kind(models.TextChoices):
        CHILDRENS_SERVICES = "childrens_services", "Children's services"
        POLICE = "police", "Police"
        HEALTH = "health", "Health"
        EDUCATION = "education", "Education"
        VOLUNTARY_SECTOR = "voluntary_sector", "Voluntary sector"
        ADVOCACY_SERVICE = "advocacy_service", "Advocacy service"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=32, choices=Kind.choices)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


FORMER_STAFF = "Former member of staff"


class UserManager(BaseUserManager["User"]):
    def get_by_natural_key(self, username: str | None) -> "User":
        return self.get(email__iexact=username, kind=User.Kind.STAFF)

    def create_staff(
        self, *, email: str, full_name: str, password: str | None = None, **extra: Any
    ) -> "User":
        user = self.model(
            email=self.normalize_email(email), full_name=full_name, kind=User.Kind.STAFF, **extra
        )
        user.set_password(password)
        user.full_clean()
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        """For `createsuperuser`: an administrator of users and organisations (the role's
        group too, since every power asks for the role, never for `is_superuser`)."""
        extra.setdefault("full_name", email)
        user = self.create_staff(
            email=email, password=password, is_staff=True, is_superuser=True, **extra
        )
        user.groups.add(Group.objects.get_or_create(name=Role.ADMINISTRATOR.value)[0])
        return user


class User(AbstractBaseUser, PermissionsMixin):
    """Staff sign in by email; young people by a username, with no email address at all."""

    class Kind(models.TextChoices):
        STAFF = "staff", "Staff"
        YOUNG_PERSON = "young_person", "Young person"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=16, choices=Kind.choices, default=Kind.STAFF)
    email = models.EmailField(unique=True, null=True, blank=True)
    # Null, not blank, for staff: the case-insensitive unique constraint ignores nulls.
    username = models.CharField(  # noqa: DJ001
        max_length=40,
        null=True,
        blank=True,
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9_.-]{3,40}$",
                "Use 3 to 40 letters, numbers, dots, dashes or underscores",
            )
        ],
    )
    full_name = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="members"
    )
    is_active = models.BooleanField(default=True)
    # Django's flag for the admin site (users and organisations only), not "a member of staff".
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(auto_now_add=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
            models.UniqueConstraint(Lower("username"), name="user_username_unique_ci"),
            models.CheckConstraint(
                condition=(
                    models.Q(kind="staff", email__isnull=False, username__isnull=True)
                    | models.Q(kind="young_person", email__isnull=True, username__isnull=False)
                ),
                name="user_staff_has_email_young_person_has_username",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.email or self.username or str(self.id)

    @property
    def is_young_person(self) -> bool:
        return self.kind == self.Kind.YOUNG_PERSON

    @property
    def is_staff_member(self) -> bool:
        return self.kind == self.Kind.STAFF

    @property
    def first_name(self) -> str:
        """How a young person is told of a member of staff: their first name (full names
        stay among staff), or "Someone from the team" where no name is recorded."""
        words = self.full_name.split()
        return words[0] if words else "Someone from the team"

    @property
    def name_on_records(self) -> str:
        """Who did something, as staff read it in the history: a young person's account has
        no name, and a member of staff whose account is switched off (staff accounts are
        never deleted) is "Former member of staff, [organisation]"."""
        if self.is_young_person:
            return "the young person, in the portal"
        if not self.is_active:
            organisation = self.organisation
            return f"Former member of staff, {organisation}" if organisation else FORMER_STAFF
        return self.full_name

    @property
    def name_and_organisation(self) -> str:
        """Their name and organisation, as the history shows them."""
        if self.is_active and self.organisation is not None:
            return f"{self.full_name}, {self.organisation}"
        return self.name_on_records

    def has_role(self, role: Role) -> bool:
        return role.value in self.role_names

    @property
    def role_names(self) -> frozenset[str]:
        if not hasattr(self, "_role_names"):
            self._role_names = frozenset(self.groups.values_list("name", flat=True))
        return self._role_names

    @property
    def role_labels(self) -> list[str]:
        return [Role(name).label for name in sorted(self.role_names) if name in Role.values]

    @property
    def role_codes(self) -> str:
        return ",".join(sorted(self.role_names))


class SignInFailure(models.Model):
    """One failed attempt to get in, kept for a short while so repeated tries can be slowed.

    `key` is a digest of what was tried against (a username, an email, an address), never the
    value itself.
    """

    id = models.BigAutoField(primary_key=True)
    key = models.CharField(max_length=64)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["key", "at"], name="signinfailure_key_at")]

    def __str__(self) -> str:
        return f"Failure at {self.at:%d %B %Y %H:%M}"


class SignedInSession(models.Model):
    """A session someone signed in to, listed so that every one of a person's sessions can be
    ended at once, and so that staff can see where they are signed in."""

    id = models.BigAutoField(primary_key=True)
    user = models.ForeignKey("User", on_delete=models.CASCADE, related_name="signed_in_sessions")
    session_key = models.CharField(max_length=40, unique=True)
    started_at = models.DateTimeField(auto_now_add=True)
    address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Signed in at {self.started_at:%d %B %Y %H:%M}"


class RoleChange(models.Model):
    """A role given to, or taken from, a member of staff by an administrator: the history of
    every role change, and the queue of those waiting for a second administrator.

    Giving the CSE-lead or administrator role waits for a second administrator's approval;
    every other change takes effect at once. Decided rows are never edited.
    """

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for a second administrator"
        DONE = "done", "Done"
        REFUSED = "refused", "Refused"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey("User", on_delete=models.PROTECT, related_name="role_changes")
    role = models.CharField(max_length=32, choices=Role.choices)
    giving = models.BooleanField(help_text="Given (ticked) or taken away")
    requested_by = models.ForeignKey("User", on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=16, choices=Status.choices)
    decided_by = models.ForeignKey(
        "User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            # One waiting request per person and role.
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=models.Q(status="waiting"),
                name="rolechange_one_waiting",
            )
        ]

    def __str__(self) -> str:
        verb = "Give" if self.giving else "Take away"
        return f"{verb} {Role(self.role).label} ({self.user})"
