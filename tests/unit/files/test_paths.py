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


@pytest.mark.parametrize("raw", ["%2e%2e/x", "a/%2E%2e/b", "%252e%252e/x", "a%2f..%2fb", "a%5c..%5cb", "a%00b"])
def test_normalise_refuses_escapes_in_any_percent_encoding(raw):
    with pytest.raises(paths.BadPath):
        paths.normalise(raw)


def test_normalise_keeps_names_that_only_look_encoded():
    assert paths.normalise("a/100%25 done/%2e.txt") == "a/100%25 done/%2e.txt"


def test_resolve_refuses_a_symlink_out_of_the_company_folder(tmp_path):
    (tmp_path / "c1").mkdir()
    (tmp_path / "c1" / "out").symlink_to(tmp_path, target_is_directory=True)
    with pytest.raises(paths.BadPath):
        paths.resolve(tmp_path, "c1", "out/c2/file.txt")


@pytest.mark.parametrize("raw", ["\uff0e\uff0e/x", "%ef%bc%8e%ef%bc%8e/x", "\uff0e\uff0e\uff0fx", "..\uff3cx",
                                 "\u2024\u2024/x", "%c0%ae%c0%ae/x", "%u002e%u002e/x", ".. /x", "a/.../b", "a/. ./b",
                                 "\ufffd\ufffd/x"])
def test_normalise_refuses_what_a_lenient_reader_would_make_a_parent(raw):
    """Fullwidth and other compatibility dots and slashes (NFKC), overlong UTF-8, ``%u``
    escapes, and the trailing dots and spaces Windows drops all read as ``..`` somewhere."""
    with pytest.raises(paths.BadPath):
        paths.normalise(raw)


def test_normalise_keeps_dots_and_unicode_inside_names():
    assert paths.normalise("a/ü..b/v1.0 ./x．txt") == "a/ü..b/v1.0 ./x．txt"
