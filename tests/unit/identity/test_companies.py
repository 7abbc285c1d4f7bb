"""The companies room's pure logic: storage secrets at rest, their masking, tag merging and
the storage settings use cases over an in-memory store."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from services.identity.companies.counts import KINDS, listing_query
from services.identity.companies.downloads import cell, check_mappings, csv_text, field_path
from services.identity.companies.organization import merge_tags
from services.identity.companies.usages import MAX_WINDOW_DAYS, breakdown, counted, daily_seconds, run_within, window
from services.identity.companies.secrets import PREFIX, SecretBox, fernet_key, masked
from services.identity.companies.server import ServerState
from services.identity.companies.storage import StorageSettings
from shared.errors import ApiError
from shared.messaging.envelopes import Identity

NOW = datetime(2026, 1, 2, tzinfo=timezone.utc)
# Secrets long enough that no ciphertext contains them by chance (two letters did, in one run).
SECRET, BUCKET_SECRET = "plain-secret-key-0123", "plain-bucket-secret-4567"
AWS = {"key": "AK", "secret": SECRET, "token": "T", "buckets": [{"bucket": "b", "key": "BK", "secret": BUCKET_SECRET}]}


def box(material: str = "k") -> SecretBox:
    return SecretBox(fernet_key(material))


def test_sealing_encrypts_only_the_secret_fields():
    sealed = box().seal("aws", AWS)
    assert sealed["key"] == "AK" and sealed["buckets"][0]["key"] == "BK" and sealed["buckets"][0]["bucket"] == "b"
    for secret in (sealed["secret"], sealed["token"], sealed["buckets"][0]["secret"]):
        assert secret.startswith(PREFIX) and SECRET not in secret and BUCKET_SECRET not in secret


def test_opening_gives_back_what_was_sealed():
    assert box().open("aws", box().seal("aws", AWS)) == AWS
    google = {"credentials_json": '{"a": 1}', "buckets": [{"bucket": "g", "credentials_json": "{}"}]}
    assert box().open("google", box().seal("google", google)) == google


def test_a_secret_sealed_with_another_key_opens_as_unset():
    assert box("other").open("azure", box().seal("azure", {"containers": [{"account_key": "x"}]})) == {
        "containers": [{"account_key": None}]}


def test_empty_secrets_stay_empty():
    assert box().seal("aws", {"secret": "", "token": None}) == {"secret": "", "token": None}


def test_masking_nulls_every_secret_and_keeps_the_rest():
    assert masked("aws", AWS) == {"key": "AK", "secret": None, "token": None,
                                  "buckets": [{"bucket": "b", "key": "BK", "secret": None}]}


def test_merged_tags_are_united_and_sorted():
    answers = [{"tags": ["b", "a"], "system_tags": ["s"]}, {"tags": ["a", "c"]}]
    assert merge_tags(answers, include_system=False) == {"tags": ["a", "b", "c"]}
    assert merge_tags(answers, include_system=True) == {"tags": ["a", "b", "c"], "system_tags": ["s"]}


class MemoryStorage:
    def __init__(self) -> None:
        self.docs: dict[str, dict] = {}

    async def get(self, company):
        return self.docs.get(company)

    async def set(self, company, sections, when):
        self.docs.setdefault(company, {}).update({**sections, "last_update": when})
        return 1

    async def reset(self, company, sections, when):
        if company not in self.docs:
            return 0
        for name in sections:
            self.docs[company].pop(name, None)
        return 1


@pytest.fixture
def storage():
    return StorageSettings(MemoryStorage(), box(), lambda: NOW)


def who(role: str, company: str = "c1") -> Identity:
    return Identity(company=company, user="u", role=role)


async def test_stored_secrets_are_encrypted_and_answered_in_clear_to_users(storage):
    await storage.set_settings(who("user"), {"aws": {"secret": "SK"}})
    assert storage._store.docs["c1"]["aws"]["secret"].startswith(PREFIX)
    settings = (await storage.get_settings(who("user")))["settings"]
    assert settings["aws"]["secret"] == "SK" and settings["last_update"] == NOW


@pytest.mark.parametrize("role", ["guest", "annotator"])
async def test_limited_roles_never_see_the_secrets(storage, role):
    await storage.set_settings(who("admin"), {"aws": {"key": "AK", "secret": "SK"}})
    aws = (await storage.get_settings(who(role)))["settings"]["aws"]
    assert aws["key"] == "AK" and aws["secret"] is None and aws["token"] is None


async def test_settings_are_per_company(storage):
    await storage.set_settings(who("admin"), {"aws": {"key": "AK"}})
    assert (await storage.get_settings(who("admin", "c2")))["settings"]["aws"]["key"] == ""


async def test_set_settings_needs_a_section_and_json_google_credentials(storage):
    with pytest.raises(ApiError) as empty:
        await storage.set_settings(who("admin"), {})
    with pytest.raises(ApiError) as not_json:
        await storage.set_settings(who("admin"), {"google": {"credentials_json": "nope"}})
    assert (empty.value.code, empty.value.subcode) == (not_json.value.code, not_json.value.subcode) == (400, 12)


# --- CSV downloads ------------------------------------------------------------------------

def test_a_cell_is_the_field_as_text_a_reference_its_id_and_a_mapped_value_translated():
    entity = {"name": "n", "project": {"id": "p1", "name": "P"}, "status": "created", "last_iteration": 3}
    assert cell(entity, ["project"], []) == "p1"
    assert cell(entity, ["project", "name"], []) == "P"
    assert cell(entity, ["status"], [("created", "Draft")]) == "Draft"
    assert cell(entity, ["last_iteration"], []) == "3"
    assert cell(entity, ["missing", "deeper"], []) == ""


@pytest.mark.parametrize("text", ["=1+1", "+x", "-x", "@x", "\tx"])
def test_a_cell_a_spreadsheet_would_evaluate_gets_a_leading_quote(text):
    assert cell({"name": text}, ["name"], []) == f"'{text}"


def test_parameter_paths_are_unescaped():
    assert field_path("hyperparams.Args.lr%2Ex.value") == ["hyperparams", "Args", "lr.x", "value"]
    assert field_path("name%2E") == ["name%2E"]


def test_a_column_or_a_value_key_named_twice_is_refused():
    check_mappings([{"field": "a"}, {"field": "b", "name": "c", "values": [{"key": 1}, {"key": 2}]}])
    for mappings in ([{"field": "a"}, {"field": "b", "name": "a"}], [{"field": "a", "values": [{"key": 1}, {"key": 1}]}]):
        with pytest.raises(ApiError) as refused:
            check_mappings(mappings)
        assert (refused.value.code, refused.value.subcode) == (400, 12)


def test_the_csv_quotes_every_cell_after_a_signature_and_an_empty_one_is_the_bare_header():
    assert csv_text(["a", "b c"], [["1", 'x"y']]) == '\ufeff"a","b c"\r\n"1","x""y"\r\n'
    assert csv_text(["a", "b c"], []) == "a,b c\r\n"


# --- entity counts ------------------------------------------------------------------------

def test_the_counting_query_forces_the_type_and_hidden_entities_of_the_special_kinds():
    body = listing_query(KINDS["reports"], {"project": ["p"], "page": 3}, {"search_hidden": False})
    assert body["type"] == ["report"] and body["include_subprojects"] and body["search_hidden"] is True
    assert "page" not in body and body["only_fields"] == ["id"]
    assert listing_query(KINDS["tasks"], {}, {"search_hidden": False})["search_hidden"] is False
    assert "search_hidden" not in listing_query(KINDS["models"], {}, {})


def test_active_users_narrow_projects_by_activity_and_other_kinds_by_owner():
    request = {"active_users": ["u1"]}
    assert listing_query(KINDS["projects"], {}, request)["active_users"] == ["u1"]
    assert listing_query(KINDS["tasks"], {}, request)["user"] == ["u1"]
    assert listing_query(KINDS["models"], {"user": ["u2"]}, request)["user"] == ["u2"]


# --- project usages -----------------------------------------------------------------------

UTC = timezone.utc
PLUS2 = timezone(timedelta(hours=2))


def at(day: int, hour: int = 0, zone=UTC) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=zone)


def test_the_window_spans_whole_days_in_the_zone_of_its_start():
    start, end, zone = window(at(2, 15, PLUS2), at(3, 1, PLUS2))
    assert (start, zone) == (at(2, 0, PLUS2), PLUS2) and end.date() == at(3).date() and end.hour == 23
    with pytest.raises(ApiError):
        window(at(3), at(2))


def test_development_runs_and_excluded_kinds_do_not_count():
    queued = {"execution": {"queue": {"id": "q"}}, "type": "training"}
    assert counted(queued, False) and not counted({"type": "training"}, False) and counted({"type": "training"}, True)
    assert not counted({**queued, "system_tags": ["development"]}, False)
    assert not counted({**queued, "type": "controller"}, True) and not counted({**queued, "system_tags": ["hidden"]}, True)


def test_a_run_is_cut_to_the_window_and_a_running_task_runs_until_now():
    start, end = at(2), at(4)
    assert run_within({"started": at(1).isoformat(), "completed": at(3).isoformat()}, start, end, at(9)) == (at(2), at(3))
    assert run_within({"started": at(3).isoformat(), "status": "in_progress"}, start, end, at(3, 5)) == (at(3), at(3, 5))
    assert run_within({"started": at(1).isoformat(), "completed": at(1, 5).isoformat()}, start, end, at(9)) is None
    failed = {"started": at(3).isoformat(), "status_changed": at(3, 2).isoformat()}
    assert run_within(failed, start, end, at(9)) == (at(3), at(3, 2))


def test_a_run_is_split_into_the_calendar_days_of_the_zone():
    days = daily_seconds(at(2, 20), at(3, 3), PLUS2)  # 22:00..05:00 local
    assert days == {at(2, 0, PLUS2): 7200, at(3, 0, PLUS2): 5 * 3600}


def test_a_breakdown_fills_every_day_of_the_window_and_totals_each_key():
    runs = [("a", {at(3): 10}), ("a", {at(3): 5}), ("b", {at(2): 7})]
    result = breakdown(runs, {"a": "A"}, ["duration", "gpu_usage"], at(2), at(3, 23))
    assert result["series"][0] == {"name": "A", "id": "a", "dates": [at(2).timestamp(), at(3).timestamp()],
                                   "duration": [0, 15], "gpu_usage": [0, 0], "gpu_artificial_weights": True}
    assert result["total"] == [{"name": "A", "id": "a", "duration": 15, "gpu_usage": 0, "gpu_artificial_weights": True},
                               {"name": "b", "id": "b", "duration": 7, "gpu_usage": 0, "gpu_artificial_weights": True}]


# --- server.health_status ------------------------------------------------------------------

async def test_health_status_names_the_failed_store_and_says_failed():
    async def down():
        raise ConnectionError("mongo unreachable")

    state = ServerState(None, None, None, None, down, datetime.now)  # type: ignore[arg-type]
    assert await state.health_status() == {"dbs": {"mongo": "mongo unreachable"}, "failed": True}
    assert await state.health_check() == {"errors": {"mongo": "mongo unreachable"}}


async def test_health_status_names_each_silent_process():
    async def up():
        return {"ok": 1}

    async def processes():
        return {"tasks": None, "events": "timed out"}

    state = ServerState(None, None, None, None, up, datetime.now, processes)  # type: ignore[arg-type]
    assert await state.health_status() == {"dbs": {"mongo": "ok", "tasks": "ok", "events": "timed out"},
                                           "failed": True}


def test_a_usage_window_of_centuries_is_refused_before_counting_its_days():
    start = datetime(2000, 1, 1, tzinfo=timezone.utc)
    window(start, start.replace(year=2009))  # ten years are fine
    with pytest.raises(ApiError) as refused:
        window(datetime(258, 12, 3, tzinfo=timezone.utc), datetime(2148, 4, 9, tzinfo=timezone.utc))
    assert (refused.value.code, refused.value.subcode) == (400, 12)
    assert str(MAX_WINDOW_DAYS) in refused.value.message
