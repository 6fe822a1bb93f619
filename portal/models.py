import uuid

from django.conf import settings
from django.db import models


class PortalInvitation(models.Model):
    """A one-time code a practitioner hands to a young person in person, to get into the portal.

    Only a digest of the code is kept: whoever reads the database cannot use it. A code is
    used once, runs out after seven days, and is withdrawn when a newer one is made or the
    account is switched off.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    young_person = models.ForeignKey(
        "participation.YoungPerson", on_delete=models.CASCADE, related_name="portal_invitations"
    )
    code_digest = models.CharField(max_length=64, unique=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"Invitation issued {self.issued_at:%d %B %Y}"
