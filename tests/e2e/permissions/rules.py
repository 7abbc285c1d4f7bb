"""Access rules for the enforcement suites of the queues, datasets, events and files
processes: a company of their own with normal users and an admin, and its rules published as
identity's permissions room publishes them (``tests.support.access_rules``), so that these
suites test the services' enforcement whatever identity's room does."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from shared.access.snapshot import ENTITY_TYPES, AccessRulesChanged, GroupSnapshot, RuleSnapshot
from tests.e2e.identity.people import Person, make_company, make_person
from tests.support.access_rules import default_rules, publish_rules

EVERYONE = "everyone"


@dataclass
class Company:
    """A company with two users (``alice``, ``bob``) and an ``admin``."""

    id: str
    alice: Person
    bob: Person
    admin: Person


def make_company_with_people(stack, name: str) -> Company:
    company = make_company(stack, name)
    return Company(company, make_person(stack, "user", company), make_person(stack, "user", company),
                   make_person(stack, "admin", company))


def rule(entity_type: str, entity_id: str | None, permission: str, *users: str, groups=()) -> RuleSnapshot:
    return RuleSnapshot(id=uuid.uuid4().hex, entity_type=entity_type, entity_id=entity_id,
                        access_permission=permission, users=list(users), groups=list(groups))


def publish(stack, company: str, *rules: RuleSnapshot, with_defaults: bool = True) -> None:
    """The company's whole rule set from now on (a newer version than any before)."""
    defaults = default_rules(EVERYONE) if with_defaults else []
    publish_rules(stack, AccessRulesChanged(company=company, version=time.time_ns(),
                                            groups=[GroupSnapshot(id=EVERYONE, everyone=True)],
                                            rules=[*defaults, *rules]))


@contextmanager
def read_only_category(stack, company: str, *entity_types: str) -> Iterator[None]:
    """The default rules, but everyone only reads the categories of ``entity_types``; the
    default rules again after."""
    kinds = tuple(k for k in ENTITY_TYPES if k not in entity_types)
    read_only = [rule(kind, None, "read", groups=[EVERYONE]) for kind in entity_types]
    publish(stack, company, *default_rules(EVERYONE, kinds), *read_only, with_defaults=False)
    try:
        yield
    finally:
        publish(stack, company)


def close_then_open(stack, company: Company, entity_type: str, entity_id: str, seen: Callable[[], bool],
                    ) -> tuple[float, float]:
    """Seconds until bob no longer ``seen`` the entity once a rule names only alice, then until
    he sees it again once a rule names him (the company published open first)."""
    publish(stack, company.id)
    seconds_until(seen)
    publish(stack, company.id, rule(entity_type, entity_id, "read", company.alice.user))
    closed_after = seconds_until(lambda: not seen())
    publish(stack, company.id, rule(entity_type, entity_id, "read", company.bob.user))
    return closed_after, seconds_until(seen)


def seconds_until(check: Callable[[], bool], timeout: float = 5.0) -> float:
    """Seconds from now until ``check()`` holds (polled), or an AssertionError after ``timeout``."""
    start = time.monotonic()
    while True:
        if check():
            return time.monotonic() - start
        if time.monotonic() - start > timeout:
            raise AssertionError(f"not seen within {timeout} s")
        time.sleep(0.02)
