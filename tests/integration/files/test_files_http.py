"""The ClearML file server protocol over real HTTP (uvicorn, in-process)."""

from __future__ import annotations

import asyncio
import hashlib
import os
import socket

import pytest

from tests.integration.files.conftest import MAX_UPLOAD, serve_files, token_for

PATH = "proj/train.0123abcd/artifacts/data/blob.bin"


async def upload(client, path: str, data: bytes):
    return await client.post("/", files={path: (path, data, "application/octet-stream")})


async def test_ping_needs_no_token(files_server):
    async with files_server.client(None) as client:
        response = await client.get("/")
    assert (response.status_code, response.text) == (200, "OK")
    assert response.headers["server"] == "clearml"


async def test_upload_download_delete_round_trip(files_server):
    data = os.urandom(100_000)
    async with files_server.client() as client:
        response = await upload(client, "/" + PATH, data)  # the SDK sends a leading slash
        assert (response.status_code, response.json()) == (200, [PATH])
        got = await client.get("/" + PATH)
        assert got.status_code == 200 and got.content == data
        assert got.headers["content-length"] == str(len(data))
        assert "content-disposition" not in got.headers
        attached = await client.get("/" + PATH, params={"download": ""})
        assert attached.headers["content-disposition"].startswith('attachment; filename="blob.bin"')
        head = await client.head("/" + PATH)
        assert head.status_code == 200 and head.headers["content-length"] == str(len(data))
        deleted = await client.delete("/" + PATH)
        assert (deleted.status_code, deleted.json()) == (200, PATH)
        assert (await client.get("/" + PATH)).status_code == 404
        assert (await client.delete("/" + PATH)).status_code == 404
    assert list((files_server.root / "c1").iterdir()) == []  # empty folders pruned
    assert list((files_server.root / ".incoming").iterdir()) == []


async def test_a_20_mb_file_round_trips_byte_identical(tmp_path):
    data = os.urandom(20 * 1024 * 1024)
    async with serve_files(tmp_path / "big", 2048 * 1024 * 1024) as server, server.client(timeout=120) as client:
        assert (await upload(client, "big/weights.pt", data)).status_code == 200
        digest = hashlib.sha256()
        async with client.stream("GET", "/big/weights.pt") as response:
            assert response.status_code == 200
            assert response.headers["content-length"] == str(len(data))
            async for chunk in response.aiter_bytes():
                digest.update(chunk)
        assert digest.hexdigest() == hashlib.sha256(data).hexdigest()
        ranged = await client.get("/big/weights.pt", headers={"Range": "bytes=10000000-10000099"})
        assert ranged.status_code == 206 and ranged.content == data[10_000_000:10_000_100]
    assert (tmp_path / "big" / "c1" / "big" / "weights.pt").stat().st_size == len(data)


async def test_range_requests(files_server):
    data = bytes(range(256)) * 4
    async with files_server.client() as client:
        await upload(client, "r.bin", data)
        part = await client.get("/r.bin", headers={"Range": "bytes=10-19"})
        assert part.status_code == 206 and part.content == data[10:20]
        assert part.headers["content-range"] == f"bytes 10-19/{len(data)}"
        tail = await client.get("/r.bin", headers={"Range": "bytes=-5"})
        assert tail.status_code == 206 and tail.content == data[-5:]
        past = await client.get("/r.bin", headers={"Range": "bytes=5000-"})
        assert past.status_code == 416 and past.headers["content-range"] == f"bytes */{len(data)}"
        whole = await client.get("/r.bin", headers={"Range": "bytes=0-1,4-5"})
        assert whole.status_code == 200 and whole.content == data


async def test_delete_many(files_server):
    async with files_server.client() as client:
        for path in ("a/1.txt", "a/2.txt", "b/3.txt"):
            await upload(client, path, b"x")
        response = await client.post("/delete_many", json={"files": ["a", "b/3.txt", "nope", "../x", ""]})
        assert response.status_code == 200
        assert response.json() == {"deleted": {"a": "a", "b/3.txt": "b/3.txt"},
                                   "errors": {"Not found": ["nope"], "Invalid path": ["../x"],
                                              "Empty path not allowed": [""]}}
        assert (await client.post("/delete_many", json={})).status_code == 400
        assert (await client.post("/delete_many", content=b"not json")).status_code == 400


async def test_missing_or_bad_token_is_refused(files_server):
    async with files_server.client() as client:
        await upload(client, "secret.txt", b"s")
    async with files_server.client(None) as anonymous:
        for response in (await anonymous.get("/secret.txt"), await upload(anonymous, "x.txt", b"x"),
                         await anonymous.delete("/secret.txt"), await anonymous.post("/delete_many", json={"files": ["secret.txt"]})):
            assert response.status_code == 401
            assert response.json()["meta"]["result_code"] == 401
        forged = token_for("c1", secret="x" * 40)
        bad = await anonymous.get("/secret.txt", headers={"Authorization": f"Bearer {forged}"})
        assert bad.status_code == 401
        assert (await anonymous.get("/", headers={"Authorization": "Bearer junk"})).status_code == 401
        cookie = f"clearml_token_basic={token_for('c1')}"
        by_cookie = await anonymous.get("/secret.txt", headers={"Cookie": cookie})
        assert by_cookie.status_code == 200 and by_cookie.content == b"s"
    assert (files_server.root / "c1" / "secret.txt").exists()
    assert not (files_server.root / "c1" / "x.txt").exists()


async def test_a_logged_out_session_is_refused(files_server):
    files_server.auth.revoked.add("s1", float("inf"))
    async with files_server.client() as client:
        assert (await client.get("/anything")).status_code == 401


async def test_another_companys_file_is_not_found(files_server):
    async with files_server.client("c1") as mine:
        await upload(mine, "p/mine.txt", b"mine")
    async with files_server.client("c2") as theirs:
        assert (await theirs.get("/p/mine.txt")).status_code == 404
        assert (await theirs.delete("/p/mine.txt")).status_code == 404
        many = await theirs.post("/delete_many", json={"files": ["p/mine.txt", "p"]})
        assert many.json()["deleted"] == {}
        assert (await theirs.get("/../c1/p/mine.txt")).status_code in (400, 404)
    assert (files_server.root / "c1" / "p" / "mine.txt").read_bytes() == b"mine"


@pytest.mark.parametrize("name", [b"../escape.txt", b"a/../../escape.txt", b"..\\escape.txt", b"C:/escape.txt",
                                  b"a\x00b", b"/", b"a/\n/b"])
async def test_path_traversal_in_an_upload_is_refused(files_server, name):
    body = (b'--b\r\nContent-Disposition: form-data; name="' + name + b'"; filename="f"\r\n\r\nevil\r\n--b--\r\n')
    async with files_server.client() as client:
        response = await client.post("/", content=body, headers={"Content-Type": "multipart/form-data; boundary=b"})
    assert response.status_code == 400
    assert "path" in response.json()["meta"]["result_msg"]
    assert not (files_server.root / "escape.txt").exists()
    assert not (files_server.root.parent / "escape.txt").exists()
    assert list((files_server.root / ".incoming").iterdir()) == []


def raw_request(url: str, request: bytes) -> bytes:
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


async def test_path_traversal_in_a_url_is_refused(files_server):
    (files_server.root / "c1").mkdir(exist_ok=True)
    (files_server.root / "outside.txt").write_bytes(b"outside")
    token = token_for("c1")
    for target in (b"/../outside.txt", b"/%2e%2e/outside.txt", b"/a/..%2f..%2foutside.txt", b"/..%5coutside.txt"):
        answer = await asyncio.to_thread(raw_request, files_server.url, b"GET " + target + b" HTTP/1.1\r\nHost: x\r\n"
                                         b"Authorization: Bearer " + token.encode() + b"\r\nConnection: close\r\n\r\n")
        status = int(answer.split(b" ", 2)[1])
        assert status in (400, 404), (target, answer[:200])
        assert b"outside" not in answer.split(b"\r\n\r\n", 1)[1]


async def test_uploads_over_the_size_limit_are_refused_and_nothing_is_kept(files_server):
    async with files_server.client() as client:
        response = await upload(client, "too/big.bin", os.urandom(MAX_UPLOAD + 1))
        assert response.status_code == 413
        assert "at most 3 MB" in response.json()["meta"]["result_msg"]

        async def chunks():  # no Content-Length: the limit is enforced while streaming
            yield b"--bnd\r\nContent-Disposition: form-data; name=\"too/big2.bin\"; filename=\"x\"\r\n\r\n"
            for _ in range(4):
                yield os.urandom(1024 * 1024)
            yield b"\r\n--bnd--\r\n"

        streamed = await client.post("/", content=chunks(), headers={"Content-Type": "multipart/form-data; boundary=bnd"})
        assert streamed.status_code == 413
    assert not (files_server.root / "c1" / "too").exists()
    assert list((files_server.root / ".incoming").iterdir()) == []


async def test_malformed_uploads_are_400_and_keep_nothing(files_server):
    async with files_server.client() as client:
        not_multipart = await client.post("/", content=b"abc", headers={"Content-Type": "text/plain"})
        assert not_multipart.status_code == 400
        cut = await client.post("/", content=b"--b\r\nContent-Disposition: form-data; name=\"cut.txt\"; "
                                b"filename=\"cut.txt\"\r\n\r\nhalf a fi",
                                headers={"Content-Type": "multipart/form-data; boundary=b"})
        assert cut.status_code == 400
        encoded = await client.post("/", content=b"x", headers={"Content-Encoding": "gzip"})
        assert encoded.status_code == 415
    assert not (files_server.root / "c1" / "cut.txt").exists()
    assert list((files_server.root / ".incoming").iterdir()) == []


async def test_uploading_over_an_existing_object_replaces_it_and_conflicts_are_400(files_server):
    async with files_server.client() as client:
        await upload(client, "d/f.txt", b"one")
        await upload(client, "d/f.txt", b"two")
        assert (await client.get("/d/f.txt")).content == b"two"
        assert (await upload(client, "d", b"folder is there")).status_code == 400
        assert (await upload(client, "d/f.txt/inner", b"file is there")).status_code == 400


async def test_ping_with_other_cookies_is_ok_and_a_refused_big_upload_is_answered(files_server):
    async with files_server.client(None) as anonymous:
        assert (await anonymous.get("/", headers={"Cookie": "theme=dark"})).status_code == 200
        refused = await upload(anonymous, "big.bin", os.urandom(2 * 1024 * 1024))  # read, dropped, then 401
        assert refused.status_code == 401
    assert not (files_server.root / "c1").exists()


async def test_percent_encoded_traversal_in_an_upload_name_is_refused(files_server):
    for name in (b"%2e%2e/escape.txt", b"a/%2E%2E/%2e%2e/escape.txt", b"%252e%252e/escape.txt", b"a%2f..%2fb.txt"):
        body = (b'--b\r\nContent-Disposition: form-data; name="' + name + b'"; filename="f"\r\n\r\nevil\r\n--b--\r\n')
        async with files_server.client() as client:
            response = await client.post("/", content=body, headers={"Content-Type": "multipart/form-data; boundary=b"})
        assert response.status_code == 400, name
    assert not (files_server.root / "c1").exists() or not any((files_server.root / "c1").rglob("*escape*"))


async def test_a_symlink_in_storage_is_not_followed_out_of_the_company_folder(files_server, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_bytes(b"secret")
    (files_server.root / "c1").mkdir()
    (files_server.root / "c1" / "link").symlink_to(outside, target_is_directory=True)
    async with files_server.client() as client:
        read = await client.get("/link/secret.txt")
        written = await upload(client, "link/planted.txt", b"planted")
        removed = await client.delete("/link/secret.txt")
    assert (read.status_code, written.status_code, removed.status_code) == (400, 400, 400)
    assert b"secret" not in read.content
    assert sorted(p.name for p in outside.iterdir()) == ["secret.txt"]


async def test_a_declared_body_of_3_gb_is_refused_without_reading_it(files_server):
    header = (b"POST / HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token_for("c1").encode() +
              b"\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 3000000000\r\n\r\n")
    answer = await asyncio.to_thread(raw_request, files_server.url, header)  # sends no body at all
    assert int(answer.split(b" ", 2)[1]) == 413
    assert b"at most 3 MB" in answer
