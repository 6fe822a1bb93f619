"""Every page the URL resolver knows, and who opens each: the axe-core check and the
constant-queries check walk the same list, with the leak matrix's data."""

from django.urls import reverse

from accounts.access import Access
from meetings.models import Meeting
from tests.factories import StaffFactory
from tests.test_url_access import APP_PATTERNS, EXPECTED, ID_PATTERNS, POST_ONLY, ROLE_ONLY

NOT_A_PAGE = {
    **dict.fromkeys(POST_ONLY, "a form's POST only"),
    "signin:sign-out": "a form's POST only",
    "signin:sessions-end": "a form's POST only",
    "portal:exit": "ends the session and leaves for another site",
    "healthz": "JSON for the load balancer, not a page",
    "signin:code": "step 2 of signing in, reached only after step 1: test_pages.py checks it",
    "signin:set-up": "a first sign-in's step 2, reached only after step 1: test_pages.py",
    "signin:recovery-codes": "shown once, straight after setting up: test_pages.py checks it",
    "figures:csv": "a CSV download, not a page: test_figures_walk.py downloads it",
}
# Pages that need a query string to be a page.
QUERY = {"figures:meetings": "?figure=own_item"}
ID_NAMES = {name for _route, name, _pattern in ID_PATTERNS}
PAGES = sorted(name for _route, name, _pattern in APP_PATTERNS if name not in NOT_A_PAGE and name)
# Who opens each page: for an id-taking URL, someone the leak matrix allows, staff first.
PREFERRED = ["in_scope_practitioner", "chair", "this_young_person", "another_young_person"]


def opener(name: str, users: dict, rule: str):
    if name in ("participation:break-glass", "participation:access-request"):
        return users["out_of_scope_practitioner"]  # those who can see the record skip it
    if name in ID_NAMES:
        allowed = EXPECTED[name][0]
        return users[next(who for who in PREFERRED if who in allowed)] if allowed else None
    if rule == Access.PUBLIC:
        return None
    if rule == Access.YOUNG_PERSON:
        return users["this_young_person"]
    if name in ROLE_ONLY:
        return StaffFactory(role=ROLE_ONLY[name], organisation=users["chair"].organisation)
    return users["chair"] if name != "signin:second-factor" else users["in_scope_practitioner"]


def ready(name: str, world) -> tuple[str, str, object]:
    """The page's address, the query it needs, and who opens it, in the leak matrix's world
    made ready for it to be a page."""
    _young_person, users, ids = world
    if name == "portal:decision-response":
        # A decision reaches the young person once the chair has shared the outcomes.
        Meeting.objects.filter(pk=ids["meeting_id"]).update(status=Meeting.Status.OUTCOMES_SHARED)
    pattern = next(p for _route, n, p in APP_PATTERNS if n == name)
    url = reverse(name, kwargs={key: ids[key] for key in pattern.pattern.converters})
    return url, QUERY.get(name, ""), opener(name, users, pattern.callback.access_rule)
