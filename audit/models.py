from django.conf import settings
from django.db import models

from accounts.roles import roles_from_codes


class AccessEvent(models.Model):
    """One view, change, export or refused attempt on a young person's information.

    Append-only: nothing in the app updates or deletes a row, and the database refuses
    to (a trigger, see migration 0002). Who acted is copied at the time, so later role
    or organisation changes do not rewrite history.
    """

    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        CHANGE = "change", "Changed"
        EXPORT = "export", "Exported"

    class Outcome(models.TextChoices):
        ALLOWED = "allowed", "Allowed"
        DENIED = "denied", "Refused"

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_kind = models.CharField(max_length=16)
    actor_roles = models.CharField(max_length=200, blank=True)  # role codes, comma-separated
    actor_organisation = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=16, choices=Action.choices)
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    # What was reached: no foreign keys, so that history outlives the record it describes.
    young_person_id = models.UUIDField(null=True)
    what = models.CharField(max_length=80)
    object_id = models.UUIDField(null=True)
    path = models.CharField(max_length=300)
    request_id = models.CharField(max_length=64)
    # Where the request came from (accounts.services.client_address) and the browser it named.
    client_address = models.GenericIPAddressField(null=True)
    user_agent = models.CharField(max_length=200, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["young_person_id", "-at"], name="access_yp_recent"),
            # Events about one account (signing in, its second factor) as CSE leads read them.
            models.Index(fields=["object_id", "-at"], name="access_object_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.what} ({self.get_outcome_display()})"

    @property
    def actor_role_labels(self) -> str:
        return ", ".join(role.label for role in roles_from_codes(self.actor_roles))


class RetentionRun(models.Model):
    """One daily run of the retention schedule (cases/retention.py): when, and how many
    records each rule deleted, in counts only."""

    id = models.BigAutoField(primary_key=True)
    ran_at = models.DateTimeField(auto_now_add=True, db_index=True)
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-ran_at"]

    def __str__(self) -> str:
        return f"Retention run {self.ran_at:%Y-%m-%d %H:%M}"
