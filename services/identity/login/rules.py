"""Pure rules of the login room: password hashing and policy, login names, impersonation.

No I/O here. Passwords are hashed with Argon2id (``argon2-cffi``): unlike the server-generated
key secrets (``domain.hash_secret``), a password is chosen by a person and may be guessable, so
its hash must be slow to brute-force.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from shared.errors import ApiError

MIN_PASSWORD_LENGTH = 8
MAX_PASSWORD_LENGTH = 1024  # hashing a megabyte per login attempt would be a denial of service

# ClearML's validate_impersonation: system roles and admins may impersonate; only root
# reaches users of other companies.
IMPERSONATING_ROLES = frozenset({"system", "root", "admin"})
CROSS_COMPANY_ROLES = frozenset({"root"})
# Who may set another user's password (an admin of that user's company, or a system role).
PASSWORD_RESETTING_ROLES = frozenset({"system", "root", "admin"})

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    """An Argon2id hash (salt and parameters included, ``$argon2id$...``)."""
    return _hasher.hash(password)


def verify_password(password: str, stored: str) -> bool:
    """True when ``password`` matches ``stored``; never raises on a bad hash."""
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def new_password() -> str:
    """A generated first password: 24 URL-safe characters (144 random bits)."""
    return secrets.token_urlsafe(18)


def check_password_policy(password: str) -> None:
    """400/12 for a password too short to resist guessing (or absurdly long)."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ApiError(400, 12, f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise ApiError(400, 12, f"the password must have at most {MAX_PASSWORD_LENGTH} characters")


# Wrong passwords for one login name: after this many within the window, further attempts are
# refused unchecked (the same 401/22) until the oldest leaves the window. Guessing then costs
# hours instead of seconds, and a refused attempt costs no Argon2 CPU.
MAX_FAILED_LOGINS = 10
FAILED_LOGIN_WINDOW_S = 300.0
# Login names remembered at most (the oldest entries go first), so guesses at random names
# cannot grow the process's memory without bound.
MAX_THROTTLED_NAMES = 10_000


class LoginThrottle:
    """Recent wrong passwords per login name, in one identity process."""

    def __init__(self, limit: int = MAX_FAILED_LOGINS, window_s: float = FAILED_LOGIN_WINDOW_S,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._limit, self._window, self._clock = limit, window_s, clock
        self._failures: dict[str, list[float]] = {}

    def locked(self, name: str) -> bool:
        return len(self._recent(name)) >= self._limit

    def failed(self, name: str) -> None:
        self._failures[name] = [*self._recent(name), self._clock()]
        if len(self._failures) > MAX_THROTTLED_NAMES:
            del self._failures[next(iter(self._failures))]

    def succeeded(self, name: str) -> None:
        self._failures.pop(name, None)

    def _recent(self, name: str) -> list[float]:
        now = self._clock()
        return [t for t in self._failures.get(name, ()) if now - t < self._window]


def login_name(text: str) -> str:
    """How a login name is compared: user names and emails are matched case-insensitively."""
    return text.strip().lower()


def login_names(name: str, email: str) -> list[str]:
    """The names a user logs in with: the user name and, when set, the email."""
    return sorted({login_name(n) for n in (name, email) if n and n.strip()})


def check_may_impersonate(role: str) -> None:
    """400/6 (ClearML's impersonation_error) for a caller whose role may not impersonate."""
    if role not in IMPERSONATING_ROLES:
        raise ApiError(400, 6, "impersonation not allowed", role=role)


# How far a role reaches, for impersonation: impersonating takes the user's role, so a caller
# may impersonate only users whose role reaches no further than its own (an admin that
# impersonated a system user would reach every company). Acting as keeps the caller's role
# but makes what it creates the user's: a key pair made acting as a system user is a system
# key pair, so the same limit applies.
_REACH = {"root": 2, "system": 2, "admin": 1}


def check_may_take_role(caller_role: str, user_role: str) -> None:
    """400/6 when acting for a user of ``user_role`` would raise the caller's reach."""
    if _REACH.get(user_role, 0) > _REACH.get(caller_role, 0):
        raise ApiError(400, 6, "impersonation not allowed: the user's role is above the caller's", role=caller_role)


def may_reach_company(role: str, caller_company: str, target_company: str) -> bool:
    """Whether a caller of ``role`` acts on a user of ``target_company``."""
    return role in CROSS_COMPANY_ROLES or caller_company == target_company


# login.role in the seed: the roles an invitation may give.
ASSIGNABLE_ROLES = frozenset({"admin", "superuser", "user", "annotator"})
_EMAIL = re.compile(r"^[^@\s]+@([A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+)$")
_DOMAIN = re.compile(r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")


def email_address(text: str) -> str:
    """The lower-cased address, or 400/22 (ClearML's invalid_email_address)."""
    address = text.strip().lower()
    if not _EMAIL.match(address):
        raise ApiError(400, 22, "invalid email address", email=text)
    return address


def email_domain(address: str) -> str:
    return address.rpartition("@")[2]


def domain_name(text: str) -> str:
    """The lower-cased domain, or 400/23 (ClearML's invalid_domain_name)."""
    domain = text.strip().lower()
    if not _DOMAIN.match(domain):
        raise ApiError(400, 23, "invalid domain name", domain=text)
    return domain


def invited_role(role: str | None, is_admin: bool) -> str:
    """The role an invitation gives: ``role``, ``admin`` for ``is_admin``, else ``user``."""
    chosen = role or ("admin" if is_admin else "user")
    if chosen not in ASSIGNABLE_ROLES:
        raise ApiError(400, 12, f"role must be one of {sorted(ASSIGNABLE_ROLES)}", role=role)
    return chosen
