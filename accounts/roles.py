from django.db import models


class Role(models.TextChoices):
    """Staff roles, held as groups. What each may see is decided by facts, not by the role alone."""

    PRACTITIONER = "practitioner", "Practitioner"
    CSE_LEAD = "cse_lead", "CSE lead"
    ADVOCATE = "advocate", "Advocate"
    PARTICIPATION_WORKER = "participation_worker", "Participation worker"
    ADMINISTRATOR = "administrator", "Administrator"


# How the portal names each role to a young person: plain words, no jargon.
PLAIN_WORDS = {
    Role.PRACTITIONER: "a worker who supports you",
    Role.CSE_LEAD: "the person who runs your meetings",
    Role.ADVOCATE: "an advocate",
    Role.PARTICIPATION_WORKER: "a participation worker",
    Role.ADMINISTRATOR: "someone who runs the service",
}


def roles_from_codes(codes: str) -> list[Role]:
    """The roles stored as comma-separated codes (e.g. on an access event), known ones only."""
    return [Role(code) for code in codes.split(",") if code in Role.values]
