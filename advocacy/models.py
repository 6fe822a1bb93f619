import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models

from participation.models import InForceQuerySet

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from accounts.models import User


class AdvocateAssignmentQuerySet(InForceQuerySet["AdvocateAssignment"]):
    def visible_to(self, user: "User | AnonymousUser") -> "AdvocateAssignmentQuerySet":
        """The one access rule for advocacy assignments: the advocate's own, and those of
        young people whose record the user may see (the young person sees their own)."""
        from participation.models import YoungPerson

        if not user.is_authenticated or not user.is_active:
            return self.none()
        young_people = YoungPerson.objects.visible_to(user).values("pk")
        if user.is_young_person:
            return self.filter(young_person__in=young_people)
        ids = (
            self.model.objects.filter(advocate=user)
            .values("pk")
            .union(self.model.objects.filter(young_person__in=young_people).values("pk"), all=True)
        )
        return self.filter(pk__in=ids)


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

    objects = AdvocateAssignmentQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["advocate", "young_person"], name="advocate_user_yp")]

    def __str__(self) -> str:
        return f"{self.advocate} for {self.young_person}"
