"""The files process refuses path traversal in every encoding, on upload (the multipart field
name), download, ``DELETE`` and ``/delete_many``, and nothing is written, read or removed
outside the caller's company folder: the disk is checked, with canary files planted beside
the company folder, in another company's folder and beside the storage root, and with a
symbolic link placed inside the company folder that points out of it.

Requests are sent byte for byte (``http.client``; a client library would normalise ``..``
away before the server ever sees it)."""

from __future__ import annotations

import http.client
import json
import os
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.e2e.api import call

pytestmark = pytest.mark.e2e

MARK = f"pwned-{uuid.uuid4().hex[:8]}"
OTHER_COMPANY = "c0ffee" + uuid.uuid4().hex[:26]

# Each: a path as the client sends it (after the leading "/"), meant to leave the company
# folder for its parent, the storage root (where ``MARK`` would land).
TRAVERSALS = {
    "dot dot": f"../{MARK}",
    "deep dot dot": f"a/b/../../../{MARK}",
    "dot dot at the end": "a/..",
    "percent-encoded": f"%2e%2e/{MARK}",
    "percent-encoded upper": f"%2E%2E/{MARK}",
    "encoded slash": f"..%2f{MARK}",
    "encoded slash upper": f"a/..%2F..%2F{MARK}",
    "double-encoded": f"%252e%252e/{MARK}",
    "double-encoded slash": f"..%252f{MARK}",
    "triple-encoded": f"%25252e%25252e%25252f{MARK}",
    "backslash": f"..\\{MARK}",
    "encoded backslash": f"..%5c{MARK}",
    "double-encoded backslash": f"..%255c{MARK}",
    "drive": f"C:\\{MARK}",
    "drive with slash": f"C:/{MARK}",
    "NUL": f"x%00/../{MARK}",
    "NUL in a name": f"{MARK}%00.txt",
    "control character": f"{MARK}%0a.txt",
    "fullwidth dots": f"\uff0e\uff0e/{MARK}",
    "fullwidth dots, encoded": f"%ef%bc%8e%ef%bc%8e/{MARK}",
    "fullwidth dots and solidus": f"\uff0e\uff0e\uff0f{MARK}",
    "fullwidth reverse solidus": f"..\uff3c{MARK}",
    "one-dot leaders": f"\u2024\u2024/{MARK}",
    "overlong UTF-8 dots": f"%c0%ae%c0%ae/{MARK}",
    "IIS unicode escape": f"%u002e%u002e/{MARK}",
    "dots with a trailing space": f".. /{MARK}",
    "the other company": f"../{OTHER_COMPANY}/canary.txt",
    "the other company, encoded": f"%2e%2e%2f{OTHER_COMPANY}%2fcanary.txt",
}
KINDS = sorted(TRAVERSALS)


def quote_raw(path: str) -> str:
    """``path`` as a request target: only what HTTP cannot carry raw is encoded."""
    out = []
    for ch in path:
        if ord(ch) > 126 or ch in " \\\x00":
            out.extend(f"%{b:02X}" for b in ch.encode("utf-8"))
        else:
            out.append(ch)
    return "/" + "".join(out)


def raw_request(url: str, method: str, target: str, token: str, body: bytes = b"",
                headers: dict[str, str] | None = None) -> tuple[int, bytes]:
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    try:
        connection.putrequest(method, target, skip_accept_encoding=True)
        for name, value in {"Authorization": f"Bearer {token}", "Content-Length": str(len(body)),
                            **(headers or {})}.items():
            connection.putheader(name, value)
        connection.endheaders(body)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def multipart(fields: list[str], content: bytes) -> tuple[bytes, str]:
    """A multipart body whose file fields are named exactly ``fields`` (UTF-8, unescaped)."""
    boundary = uuid.uuid4().hex
    body = b""
    for name in fields:
        body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{name}\"\r\n"
                 f"Content-Type: application/octet-stream\r\n\r\n").encode() + content + b"\r\n"
    body += f"--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def snapshot(root: Path) -> dict[str, bytes | str]:
    """Every file and link under ``root`` (and its parent's entries named with ``MARK``)."""
    found: dict[str, bytes | str] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            path = Path(dirpath, name)
            found[str(path)] = f"-> {os.readlink(path)}" if path.is_symlink() else path.read_bytes()
    for path in root.parent.iterdir():
        if MARK in path.name:
            found[str(path)] = "outside the storage root"
    return found


@pytest.fixture(scope="module")
def world(stack, http):
    """(token, company folder, canaries): canary files outside the company folder, a link in it."""
    token = call(http, "auth.login", {})["token"]
    company = call(http, "users.get_current_user", {})["user"]["company"]["id"]
    root = stack.files_root
    mine = root / company
    mine.mkdir(parents=True, exist_ok=True)
    canaries = {root / "canary.txt": b"root canary", root / OTHER_COMPANY / "canary.txt": b"other company",
                root.parent / f"{MARK}-beside-root.txt": b"beside the root"}
    for path, content in canaries.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    (mine / "link").symlink_to(root / OTHER_COMPANY, target_is_directory=True)
    (mine / "filelink").symlink_to(root / "canary.txt")
    (mine / "kept.txt").write_bytes(b"kept")
    yield token, mine, canaries
    (root.parent / f"{MARK}-beside-root.txt").unlink(missing_ok=True)


@pytest.fixture
def unchanged(stack, world):
    """Fails the test when anything under the storage root changed, or a file appeared
    beside it, but for the paths the test says it wrote inside the company folder."""
    before = snapshot(stack.files_root)
    allowed: list[Path] = []
    yield allowed
    after = snapshot(stack.files_root)
    changed = {p for p in set(before) | set(after) if before.get(p) != after.get(p)}
    assert changed <= {str(p) for p in allowed}, sorted(changed)


LEAKED = (b"root canary", b"other company", b"beside the root")


@pytest.mark.parametrize("kind", KINDS)
def test_an_upload_that_leaves_the_company_folder_is_refused(stack, world, unchanged, kind):
    token = world[0]
    body, content_type = multipart([TRAVERSALS[kind]], b"written by " + kind.encode())
    status, answer = raw_request(stack.files_url, "POST", "/", token, body, {"Content-Type": content_type})
    assert status == 400, (status, answer)
    assert json.loads(answer)["meta"]["result_code"] == 400


@pytest.mark.parametrize("kind", KINDS)
def test_a_download_that_leaves_the_company_folder_is_refused(stack, world, unchanged, kind):
    status, answer = raw_request(stack.files_url, "GET", quote_raw(TRAVERSALS[kind]), world[0])
    assert status == 400, (status, answer)
    assert not any(leak in answer for leak in LEAKED)


@pytest.mark.parametrize("kind", KINDS)
def test_a_delete_that_leaves_the_company_folder_is_refused(stack, world, unchanged, kind):
    status, answer = raw_request(stack.files_url, "DELETE", quote_raw(TRAVERSALS[kind]), world[0])
    assert status == 400, (status, answer)


def test_delete_many_refuses_every_traversal_and_removes_nothing(stack, world, unchanged):
    sent = [*TRAVERSALS.values(), "..", "/..", "%2e%2e", "link", "link/canary.txt", "filelink/"]
    response = httpx.post(f"{stack.files_url}/delete_many", json={"files": sent},
                          headers={"Authorization": f"Bearer {world[0]}"})
    assert response.status_code == 200, response.text
    assert response.json()["deleted"] == {}, response.json()


@pytest.mark.parametrize("path", ["etc/passwd", "/etc/passwd", "//etc/passwd", "///proc/self/environ"])
def test_an_absolute_path_is_a_path_inside_the_company_folder(stack, world, unchanged, path):
    """ClearML's file server drops leading slashes (the SDK sends ``/<path>``): an absolute
    path names an object of the company, never the host's file."""
    status, answer = raw_request(stack.files_url, "GET", "/" + path, world[0])
    assert status == 404 and b"root:" not in answer and b"CAIRN_" not in answer, (status, answer[:200])


@pytest.mark.parametrize("path", ["link/canary.txt", "link", "filelink", "link/new.txt", "link/sub/new.txt"])
def test_a_symbolic_link_out_of_the_company_folder_is_not_followed(stack, world, unchanged, path):
    token = world[0]
    for method in ("GET", "DELETE"):
        status, answer = raw_request(stack.files_url, method, f"/{path}", token)
        assert status in (400, 404), (method, path, status)
        assert not any(leak in answer for leak in LEAKED)
    body, content_type = multipart([path], b"through the link")
    status, _ = raw_request(stack.files_url, "POST", "/", token, body, {"Content-Type": content_type})
    assert status == 400


def test_one_bad_part_refuses_the_whole_upload(stack, world, unchanged):
    good = f"security/{uuid.uuid4().hex}/good.txt"
    body, content_type = multipart([good, TRAVERSALS["dot dot"]], b"x")
    status, _ = raw_request(stack.files_url, "POST", "/", world[0], body, {"Content-Type": content_type})
    assert status == 400
    assert not (world[1] / good).exists()


def test_a_plain_upload_lands_in_the_company_folder_so_the_refusals_mean_something(stack, world, unchanged):
    name = f"security/{uuid.uuid4().hex}/ok..txt"  # dots inside a name are no traversal
    unchanged.append(world[1] / name)
    body, content_type = multipart([f"/{name}"], b"fine")
    status, answer = raw_request(stack.files_url, "POST", "/", world[0], body, {"Content-Type": content_type})
    assert status == 200, answer
    assert (world[1] / name).read_bytes() == b"fine"
    assert raw_request(stack.files_url, "GET", f"/{name}", world[0]) == (200, b"fine")
