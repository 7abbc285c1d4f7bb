import pytest

from services.files.settings import FilesSettings
from services.files.storage import LocalStore, PathConflict


async def test_an_upload_is_invisible_until_committed(tmp_path):
    store = LocalStore(tmp_path)
    store.prepare()
    target = tmp_path / "c1" / "a" / "b.bin"
    upload = store.begin(target, "a/b.bin")
    await upload.write(b"x" * (3 * 1024 * 1024))
    await upload.write(b"tail")
    assert not target.exists()
    await store.commit(upload)
    assert target.read_bytes() == b"x" * (3 * 1024 * 1024) + b"tail"
    assert list(store.incoming.iterdir()) == []


async def test_a_discarded_upload_leaves_nothing(tmp_path):
    store = LocalStore(tmp_path)
    store.prepare()
    upload = store.begin(tmp_path / "c1" / "x", "x")
    await upload.write(b"data")
    await upload.flush()
    LocalStore.discard(upload)
    assert list(store.incoming.iterdir()) == [] and not (tmp_path / "c1").exists()


async def test_committing_onto_a_folder_is_a_conflict(tmp_path):
    store = LocalStore(tmp_path)
    store.prepare()
    (tmp_path / "c1" / "dir").mkdir(parents=True)
    upload = store.begin(tmp_path / "c1" / "dir", "dir")
    with pytest.raises(PathConflict):
        await store.commit(upload)


def test_prepare_removes_half_uploads_of_a_crash(tmp_path):
    (tmp_path / ".incoming").mkdir()
    (tmp_path / ".incoming" / "stale").write_bytes(b"half")
    LocalStore(tmp_path).prepare()
    assert list((tmp_path / ".incoming").iterdir()) == []


def test_open_file_of_a_folder_or_missing_file_is_none(tmp_path):
    (tmp_path / "d").mkdir()
    assert LocalStore.open_file(tmp_path / "d") is None
    assert LocalStore.open_file(tmp_path / "missing") is None


def test_settings_defaults(monkeypatch, tmp_path):
    for name in ("CAIRN_FILES_ROOT", "CAIRN_FILES_PORT", "CAIRN_FILES_URL", "CAIRN_FILES_MAX_UPLOAD_MB"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CAIRN_DATA_DIR", str(tmp_path))
    settings = FilesSettings(dev_mode=True)
    assert (settings.files_port, settings.files_url, settings.files_max_upload_mb) == (8081, "http://127.0.0.1:8081", 2048)
    assert settings.files_root == str(tmp_path / "files")
