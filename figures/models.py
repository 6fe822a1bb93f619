import uuid

from django.conf import settings
from django.db import models

from accounts.models import Organisation
from collective.models import Opportunity
from meetings.models import Feedback


class ServiceChange(models.Model):
    """ "You said, we did" for the whole service: something changed because of what young
    people said in their feedback, written so that it can be shown to any young person."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="service_changes"
    )
    you_said = models.TextField("What young people said", max_length=500)
    we_did = models.TextField("What we changed", max_length=500)
    feedback = models.ManyToManyField(Feedback, blank=True, related_name="service_changes")
    # Young people shaping the service together, where the change came from that.
    opportunity = models.ForeignKey(
        Opportunity,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_changes",
        verbose_name="The opportunity it came from",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at"]

    def __str__(self) -> str:
        return self.we_did[:60]
