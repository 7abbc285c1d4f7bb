from pathlib import Path

import pytest

from services.files import paths


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("proj/task.abc/artifacts/a/file.bin", "proj/task.abc/artifacts/a/file.bin"),
        ("/proj/x.txt", "proj/x.txt"),  # the SDK sends a leading slash
        ("//a//b/./c", "a/b/c"),
        ("a b/ü.png", "a b/ü.png"),
        ("a/..b/c..", "a/..b/c.."),
    ],
)
def test_normalise_keeps_the_object_inside(raw, expected):
    assert paths.normalise(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["", "/", "//", "..", "../x", "a/../../x", "a/..", "a\\..\\x", "a\\b", "a\x00b", "a\nb", "C:/x", "c:", ".", "./.",
     "x" * 2000],
)
def test_normalise_refuses_escapes_and_junk(raw):
    with pytest.raises(paths.BadPath):
        paths.normalise(raw)


def test_resolve_is_under_the_company_folder(tmp_path):
    path, target = paths.resolve(tmp_path, "c1", "/p/t/f.txt")
    assert path == "p/t/f.txt"
    assert target == tmp_path / "c1" / "p" / "t" / "f.txt"
    assert (tmp_path / "c1") in target.parents


@pytest.mark.parametrize("company", ["", "..", "a/b", "a.b", "x y"])
def test_company_ids_that_could_escape_are_refused(company):
    with pytest.raises(paths.BadPath):
        paths.company_dir(Path("/r"), company)
