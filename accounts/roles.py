from django.db import models


class Role(models.TextChoices):
    """Staff roles, held as groups. What each may see is decided by facts, not by the role alone."""

    PRACTITIONER = "practitioner", "Practitioner"
    CSE_LEAD = "cse_lead", "CSE lead"
    ADVOCATE = "advocate", "Advocate"
    PARTICIPATION_WORKER = "participation_worker", "Participation worker"
    ADMINISTRATOR = "administrator", "Administrator"
