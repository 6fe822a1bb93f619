import uuid

from django.conf import settings
from django.db import models

from participation.models import InForceQuerySet


class AdvocateAssignment(models.Model):
    """An advocate working with a young person; what they may see is the young person's choice."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    young_person = models.ForeignKey(
        "participation.YoungPerson", on_delete=models.CASCADE, related_name="advocate_assignments"
    )
    advocate = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="advocate_assignments"
    )
    starts_on = models.DateField()
    # The first day without access; empty while the assignment lasts.
    ends_on = models.DateField(null=True, blank=True)

    objects = InForceQuerySet["AdvocateAssignment"].as_manager()

    class Meta:
        indexes = [models.Index(fields=["advocate", "young_person"], name="advocate_user_yp")]

    def __str__(self) -> str:
        return f"{self.advocate} for {self.young_person}"
