"""The load test (`make load`): staff and young people using Partners at once, through
gunicorn on PostgreSQL with `seed_scale` data.

Staff sign in (password, then a code from their authenticator) and browse: home, My young
people, a record, a meeting, the agenda; some save an agenda item. Young people sign in to
the portal, read their meeting and add an item. Each locust user signs in as its own account
from `load_prepare` (LOAD_ACCOUNTS), since a code is good for one sign-in only.
"""

import hmac
import json
import os
import random
import re
import struct
import time
from collections.abc import Iterator
from pathlib import Path

from locust import HttpUser, between, task

ACCOUNTS = json.loads(Path(os.environ.get("LOAD_ACCOUNTS", "var/load/accounts.json")).read_text())
STAFF: Iterator[dict[str, str]] = iter(ACCOUNTS["staff"])
YOUNG_PEOPLE: Iterator[dict[str, str]] = iter(ACCOUNTS["young_people"])
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
RECORD = re.compile(r'href="(/young-people/[0-9a-f-]{36}/)"')
MEETING = re.compile(r'href="(/meetings/[0-9a-f-]{36}/)"')
PORTAL_MEETING = re.compile(r'href="(/portal/meetings/[0-9a-f-]{36}/)"')


def code_now(hex_key: str) -> str:
    """The authenticator's code this half-minute (RFC 6238, as django-otp checks it)."""
    digest = hmac.digest(bytes.fromhex(hex_key), struct.pack(">Q", int(time.time()) // 30), "sha1")
    offset = digest[-1] & 15
    return f"{(int.from_bytes(digest[offset : offset + 4], 'big') & 0x7FFFFFFF) % 10**6:06d}"


class Browsing(HttpUser):
    abstract = True
    wait_time = between(1, 3)

    def post_form(self, url: str, data: dict[str, str], name: str) -> str:
        """GET the form, POST it with its CSRF token; the page it led to."""
        page = self.client.get(url, name=f"{name} (form)").text
        token = CSRF.search(page)
        data = {**data, "csrfmiddlewaretoken": token.group(1) if token else ""}
        with self.client.post(url, data=data, name=name, catch_response=True) as response:
            # A refusal with a message (400) is the service working; a 5xx is a failure.
            if response.status_code < 500:
                response.success()
            return response.text


class Staff(Browsing):
    weight = 3

    def on_start(self) -> None:
        account = next(STAFF)
        self.post_form(
            "/sign-in/",
            {"email": account["email"], "password": ACCOUNTS["password"]},
            "sign in: password",
        )
        home = self.post_form("/sign-in/code/", {"code": code_now(account["key"])}, "sign in: code")
        if "Sign out" not in home:
            raise RuntimeError(f"{account['email']} could not sign in")

    @task
    def browse(self) -> None:
        home = self.client.get("/", name="home").text
        listing = self.client.get("/young-people/", name="My young people").text
        records = RECORD.findall(listing)
        meetings = MEETING.findall(home)
        if records:
            record = self.client.get(random.choice(records), name="a record").text  # noqa: S311
            meetings = MEETING.findall(record) or meetings
        if not meetings:
            return
        meeting = random.choice(meetings)  # noqa: S311 - load, not secrets
        self.client.get(meeting, name="a meeting")
        if random.random() < 0.2:  # noqa: S311
            self.post_form(
                f"{meeting}agenda/add/",
                {
                    "title": "An item from the load test",
                    "proposed_by": "professional",
                    "visibility": "shared",
                },
                "save an agenda item",
            )
        else:
            self.client.get(f"{meeting}agenda/add/", name="the agenda: add an item")


class YoungPerson(Browsing):
    weight = 1

    def on_start(self) -> None:
        account = next(YOUNG_PEOPLE)
        home = self.post_form(
            "/portal/sign-in/",
            {"username": account["username"], "password": ACCOUNTS["password"]},
            "portal: sign in",
        )
        if "Exit this page" not in home:
            raise RuntimeError(f"{account['username']} could not sign in")

    @task
    def read_and_add(self) -> None:
        home = self.client.get("/portal/", name="portal home").text
        meetings = PORTAL_MEETING.findall(home)
        if not meetings:
            return
        meeting = random.choice(meetings)  # noqa: S311 - load, not secrets
        self.client.get(meeting, name="portal meeting")
        if random.random() < 0.3:  # noqa: S311
            self.post_form(
                f"{meeting}add/", {"title": "Something I want to talk about"}, "portal: add an item"
            )
