"""Access rules on task folders (issue 16): the task named by ``<task name>.<task id>/`` in a
path decides (as the tasks process answers); answers are kept at most ``ttl_s`` per caller,
task and rules version; other paths are unchanged."""

from __future__ import annotations

import pytest

from services.files.access import OPEN, FileAccess, Rights, RpcTaskRights, task_of, tasks_under
from services.files.removal import delete_many
from services.files.responses import FilesError
from services.files.storage import LocalStore
from shared.messaging.envelopes import Identity

TASK = "0123456789abcdef0123456789abcdef"
PATH = f"proj/train.{TASK}/artifacts/data/data.csv"
BOB = Identity(company="c1", user="bob")
ANN = Identity(company="c1", user="ann")


class Rules:
    """The tasks process's decisions, counting the questions."""

    def __init__(self) -> None:
        self.rights: dict[tuple[str, str], Rights] = {}
        self.asked = 0
        self.version = 0  # the rules version it decides on (0: not said)

    async def of(self, identity: Identity, task: str) -> tuple[Rights, int]:
        self.asked += 1
        return self.rights.get((identity.user, task), OPEN), self.version


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_task_is_the_folder_named_name_dot_id():
    assert task_of(PATH) == TASK
    assert task_of(f"proj/my.model.{TASK}/models/w.pt") == TASK
    assert task_of(f"proj/name.{TASK}") is None  # a file named like a folder is not under one
    assert task_of("proj/plain/file.txt") is None and task_of(f"p/x.{TASK[:-1]}/f") is None


async def test_reads_and_writes_follow_the_task_and_answers_live_one_second_per_version():
    rules, clock, version = Rules(), Clock(), {"c1": 1}
    access = FileAccess(rules, lambda company: version[company], ttl_s=1.0, clock=clock)
    rules.rights[("bob", TASK)] = Rights(read=True, write=False)
    await access.require_read(BOB, PATH)
    with pytest.raises(FilesError) as refused:
        await access.require_write(BOB, PATH)
    assert refused.value.status == 403
    await access.require_write(ANN, PATH)  # ann's own answer
    assert rules.asked == 2
    rules.rights[("bob", TASK)] = Rights(read=False, write=False)
    await access.require_read(BOB, PATH)  # the cached answer, within the second
    version["c1"] = 2  # a rule change: a new key at once
    with pytest.raises(FilesError) as hidden:
        await access.require_read(BOB, PATH)
    assert hidden.value.status == 404
    rules.rights[("bob", TASK)] = OPEN
    clock.now += 1.01  # and at most one second even without a new version
    await access.require_read(BOB, PATH)
    await access.require_write(BOB, "proj/plain/file.txt")  # no task: never asked
    assert rules.asked == 4


async def test_rpc_rights_read_the_tasks_process_answer():
    class Rpc:
        def __init__(self, answer):
            self.answer = answer

        async def call(self, process, request, key=None):
            assert process == "tasks" and request.endpoint == "internal.event_targets"
            return self.answer

    found = {"tasks": {TASK: "created"}}
    assert await RpcTaskRights(Rpc(found)).of(BOB, TASK) == (OPEN, 0)
    assert await RpcTaskRights(Rpc({**found, "no_read": {"tasks": []}, "no_write": {"tasks": [TASK]},
                                    "access_version": 7})).of(BOB, TASK) == (Rights(True, False), 7)
    assert await RpcTaskRights(Rpc({**found, "no_read": {"tasks": [TASK]}, "no_write": {"tasks": [TASK]}})).of(
        BOB, TASK) == (Rights(False, False), 0)
    assert await RpcTaskRights(Rpc({"tasks": {}})).of(BOB, TASK) == (OPEN, 0)  # not found for the caller


async def test_an_answer_decided_on_older_rules_than_this_process_knows_is_not_kept():
    rules, version = Rules(), {"c1": 5}
    access = FileAccess(rules, lambda company: version[company], ttl_s=1.0, clock=Clock())
    rules.version = 4  # the tasks process has not seen version 5 yet
    await access.require_read(BOB, PATH)
    await access.require_read(BOB, PATH)
    assert rules.asked == 2
    rules.version = 5
    await access.require_read(BOB, PATH)
    await access.require_read(BOB, PATH)
    assert rules.asked == 3


async def test_delete_many_refuses_per_file_what_the_caller_may_not_write(tmp_path):
    store = LocalStore(tmp_path)
    for name in (PATH, "proj/plain/file.txt"):
        target = tmp_path / "c1" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"x")

    async def writable(path: str) -> bool:
        return task_of(path) != TASK

    answer = await delete_many(store, "c1", {"files": [PATH, "proj/plain/file.txt"]}, writable)
    assert answer == {"deleted": {"proj/plain/file.txt": "proj/plain/file.txt"}, "errors": {"Forbidden": [PATH]}}
    assert (tmp_path / "c1" / PATH).exists()


def test_the_task_folders_under_a_folder_are_found(tmp_path):
    other = "fedcba9876543210fedcba9876543210"
    (tmp_path / "proj" / f"train.{TASK}" / f"nested.{other}").mkdir(parents=True)
    (tmp_path / "proj" / "sub" / f"eval.{other}" / "artifacts").mkdir(parents=True)
    (tmp_path / "proj" / "plain").mkdir()
    assert sorted(tasks_under(str(tmp_path / "proj"))) == sorted([TASK, other])  # not inside a task folder


async def test_a_folder_is_deletable_only_when_every_task_folder_in_it_is():
    rules = Rules()
    access = FileAccess(rules, lambda company: 0, clock=Clock())
    rules.rights[("bob", TASK)] = Rights(read=True, write=False)
    assert not await access.may_delete(BOB, "proj", [TASK])
    assert await access.may_delete(ANN, "proj", [TASK])
    assert await access.may_delete(BOB, "proj", [])
