from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from .models import User


class SignInBackend(ModelBackend):
    """Staff sign in with `email=`, young people with `username=`: neither opens the other door."""

    def authenticate(  # type: ignore[override]
        self,
        request: HttpRequest | None,
        email: str | None = None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if password is None or (email is None) == (username is None):
            return None
        if email is not None:
            candidates = User.objects.filter(kind=User.Kind.STAFF, email__iexact=email.strip())
        else:
            candidates = User.objects.filter(
                kind=User.Kind.YOUNG_PERSON, username__iexact=(username or "").strip()
            )
        user = candidates.first()
        if user is None:
            # Spend the same time as a real check so timing does not reveal who exists.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
