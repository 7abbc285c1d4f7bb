import pytest

from services.files.removal import delete_many, delete_named, files_of_fact, path_of_url
from services.files.responses import FilesError
from services.files.storage import LocalStore

URL = "http://127.0.0.1:8081"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://127.0.0.1:8081/p/t.1/artifacts/a/x.bin", "p/t.1/artifacts/a/x.bin"),
        ("http://127.0.0.1:8081/p%20q/t.1/x%2By.txt?x=1", "p q/t.1/x+y.txt"),
        ("HTTP://127.0.0.1:8081/a", "a"),
        ("http://127.0.0.1:8082/a", None),
        ("http://other:8081/a", None),
        ("s3://bucket/a", None),
        ("http://127.0.0.1:8081/", None),
        ("http://127.0.0.1:8081", None),
        (None, None),
    ],
)
def test_path_of_url(url, expected):
    assert path_of_url(url, URL) == expected


def test_path_of_url_under_a_base_path():
    assert path_of_url("https://h/files/a/b", "https://h/files/") == "a/b"
    assert path_of_url("https://h/filesx/a/b", "https://h/files") is None


def test_files_of_task_deleted_and_model_deleted():
    fact = {"type": "TaskDeleted", "id": "t", "company": "c1",
            "urls": {"artifact_urls": [f"{URL}/p/a.txt", "s3://b/x"], "model_urls": [f"{URL}/p/m.pkl"],
                     "event_urls": None}}
    assert files_of_fact(fact, URL) == ("c1", ["p/a.txt", "p/m.pkl"])
    assert files_of_fact({"type": "ModelDeleted", "id": "m", "company": "c1", "url": f"{URL}/w.bin"}, URL) == (
        "c1", ["w.bin"])
    assert files_of_fact({"type": "ModelDeleted", "id": "m", "company": "c1", "url": None}, URL) is None
    assert files_of_fact({"type": "TaskReset", "id": "t", "company": "c1", "urls": fact["urls"]}, URL) is None
    assert files_of_fact({"type": "TaskDeleted", "id": "t", "company": "", "urls": fact["urls"]}, URL) is None
    assert files_of_fact(["not", "a", "dict"], URL) is None


def make(store: LocalStore, company: str, path: str, data: bytes = b"x") -> None:
    target = store.root / company / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)


async def test_delete_named_removes_files_and_empty_folders(tmp_path):
    store = LocalStore(tmp_path)
    make(store, "c1", "p/t.1/artifacts/a/x.bin")
    make(store, "c1", "p/keep.txt")
    make(store, "c2", "p/t.1/artifacts/a/x.bin")
    assert await delete_named(store, "c1", ["p/t.1/artifacts/a/x.bin", "missing", "../c2/p/keep.txt"]) == 1
    assert not (tmp_path / "c1" / "p" / "t.1").exists()
    assert (tmp_path / "c1" / "p" / "keep.txt").exists()
    assert (tmp_path / "c2" / "p" / "t.1" / "artifacts" / "a" / "x.bin").exists()


async def test_delete_many_answers_deleted_and_errors(tmp_path):
    store = LocalStore(tmp_path)
    make(store, "c1", "a.txt")
    make(store, "c1", "dir/b.txt")
    make(store, "c1", "sp ace.txt")
    make(store, "c2", "other.txt")
    answer = await delete_many(store, "c1", {"files": ["a.txt", "dir", "sp+ace.txt", "nope", "/", "../c2/other.txt",
                                                       "other.txt", 5]})
    assert answer["deleted"] == {"a.txt": "a.txt", "dir": "dir", "sp+ace.txt": "sp ace.txt"}
    assert answer["errors"] == {"Not found": ["nope", "other.txt"], "Empty path not allowed": ["/"],
                                "Invalid path": ["../c2/other.txt", "5"]}
    assert (tmp_path / "c2" / "other.txt").exists()
    assert sorted(p.name for p in (tmp_path / "c1").iterdir()) == []


@pytest.mark.parametrize("body", [None, {}, {"files": []}, {"files": "a"}, ["a"]])
async def test_delete_many_needs_files(tmp_path, body):
    with pytest.raises(FilesError) as err:
        await delete_many(LocalStore(tmp_path), "c1", body)
    assert err.value.status == 400


def test_files_released_by_the_events_of_deleted_tasks():
    fact = {"type": "EventFilesReleased", "company": "c1", "task": "t",
            "urls": [f"{URL}/p/t.1/metrics/img/a.png", "s3://b/x.png", None, f"{URL}/p/t.1/metrics/img/b%20c.png"]}
    assert files_of_fact(fact, URL) == ("c1", ["p/t.1/metrics/img/a.png", "p/t.1/metrics/img/b c.png"])
    assert files_of_fact({**fact, "urls": "not a list"}, URL) is None
    assert files_of_fact({**fact, "company": None}, URL) is None
