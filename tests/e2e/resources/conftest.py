"""Fixtures of the resources e2e suite: a company of its own per test (a company has one
resource configuration), its admin, two users, and the permission groups of the company as
identity's permissions room publishes them (an ``AccessRulesChanged`` snapshot)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx
import pytest

from shared.access.snapshot import AccessRulesChanged, GroupSnapshot
from tests.e2e.api import unique
from tests.e2e.identity.people import Person, make_company, make_person
from tests.support.access_rules import default_rules, publish_rules


@dataclass
class World:
    """One company: ``admin`` and the users ``alice`` and ``bob`` as HTTP clients."""

    stack: object
    company: str
    people: dict[str, Person]
    clients: dict[str, httpx.Client]

    def __getattr__(self, name: str) -> httpx.Client:
        try:
            return self.clients[name]
        except KeyError:
            raise AttributeError(name) from None

    def user(self, name: str) -> str:
        return self.people[name].user

    def publish_groups(self, groups: dict[str, list[str]], version: int = 1) -> dict[str, str]:
        """The company's permission groups (name -> member names) as identity publishes
        them; answers name -> group id."""
        ids = {name: unique("group") for name in groups}
        # A managed company keeps identity's default rules: everyone reads and writes every
        # entity type (only the groups matter here, not the access rules).
        everyone = GroupSnapshot(id=unique("all-users"), name="All Users", system=True, everyone=True)
        defaults = default_rules(everyone.id, prefix=unique("default"))
        publish_rules(self.stack, AccessRulesChanged(
            company=self.company, version=version, managed=True, rules=defaults, groups=[
                everyone, *(GroupSnapshot(id=ids[name], name=name, users=[self.user(m) for m in members])
                            for name, members in groups.items())]))
        return ids


@pytest.fixture
def world(stack) -> Iterator[World]:
    company = make_company(stack, "resources")
    people = {name: make_person(stack, role, company)
              for name, role in (("admin", "admin"), ("alice", "user"), ("bob", "user"))}
    clients = {name: httpx.Client(base_url=stack.url, auth=p.auth, timeout=60) for name, p in people.items()}
    try:
        yield World(stack, company, people, clients)
    finally:
        for client in clients.values():
            client.close()


def eventually(check: Callable[[], bool], timeout: float = 30.0) -> None:
    """Retry ``check`` until it holds (a published fact reaches the queues process)."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.2)
