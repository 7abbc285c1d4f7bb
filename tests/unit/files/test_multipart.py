import os

import pytest

from services.files.multipart import MultipartError, MultipartParser, PartEnd, PartStart, boundary_of, parse_header

B = b"----cairnboundary7MA4YWxk"


def body(*parts: tuple[bytes, bytes], preamble: bytes = b"", epilogue: bytes = b"") -> bytes:
    out = preamble
    for headers, data in parts:
        out += b"--" + B + b"\r\n" + headers + b"\r\n\r\n" + data + b"\r\n"
    return out + b"--" + B + b"--\r\n" + epilogue


def file_part(name: str, data: bytes) -> tuple[bytes, bytes]:
    header = f'Content-Disposition: form-data; name="{name}"; filename="{name}"\r\nContent-Type: text/plain'
    return header.encode(), data


def parse(raw: bytes, chunk: int) -> list[tuple[PartStart, bytes]]:
    parser = MultipartParser(B)
    parts, current = [], None
    for i in range(0, len(raw), chunk):
        for event in parser.feed(raw[i:i + chunk]):
            if isinstance(event, PartStart):
                current = [event, b""]
            elif isinstance(event, PartEnd):
                parts.append((current[0], current[1]))
            else:
                current[1] += event
    parser.finish()
    return parts


@pytest.mark.parametrize("chunk", [1, 2, 7, 64, 1000, 1 << 20])
def test_parts_survive_any_chunking(chunk):
    binary = os.urandom(3000) + b"\r\n--" + B[:-1] + b"\r\n--"  # a near-boundary inside the data
    raw = body(file_part("/p/t.1/artifacts/a/x.bin", binary), file_part("b.txt", b""),
               preamble=b"ignored preamble\r\n", epilogue=b"ignored")
    parts = parse(raw, chunk)
    assert [(p.name, p.filename, data) for p, data in parts] == [
        ("/p/t.1/artifacts/a/x.bin", "/p/t.1/artifacts/a/x.bin", binary),
        ("b.txt", "b.txt", b""),
    ]
    assert parts[0][0].headers["content-type"] == "text/plain"


def test_a_plain_field_has_no_filename():
    raw = body((b'Content-Disposition: form-data; name="note"', b"hello"))
    [(part, data)] = parse(raw, 5)
    assert (part.name, part.filename, data) == ("note", None, b"hello")


def test_missing_closing_boundary_is_an_error():
    raw = body(file_part("a", b"data"))[: -len(b"--\r\n") - len(B) - 4]
    with pytest.raises(MultipartError):
        parse(raw, 10)


def test_a_part_without_content_disposition_is_an_error():
    with pytest.raises(MultipartError):
        parse(body((b"Content-Type: text/plain", b"x")), 100)


def test_oversized_headers_are_an_error():
    parser = MultipartParser(B, max_header_bytes=100)
    with pytest.raises(MultipartError):
        parser.feed(b"--" + B + b"\r\nX-Long: " + b"a" * 500)


def test_garbage_after_a_boundary_is_an_error():
    with pytest.raises(MultipartError):
        parse(b"--" + B + b"garbage\r\n\r\n", 100)


def test_parse_header_quoting_and_rfc5987():
    assert parse_header('form-data; name="a \\"q\\" b"; filename="x;y.txt"') == (
        "form-data", {"name": 'a "q" b', "filename": "x;y.txt"})
    assert parse_header("form-data; name*=utf-8''%C3%BC.png; name=\"fallback\"")[1] == {"name": "ü.png"}
    assert parse_header("form-data; name=plain")[1] == {"name": "plain"}


@pytest.mark.parametrize("value", ["text/plain", "multipart/form-data", "multipart/form-data; boundary="])
def test_boundary_is_required(value):
    with pytest.raises(MultipartError):
        boundary_of(value)


def test_boundary_of():
    assert boundary_of('multipart/form-data; boundary="abc"') == b"abc"
    assert boundary_of("Multipart/Form-Data; charset=utf-8; boundary=xyz") == b"xyz"


def test_a_backslash_that_escapes_nothing_stays():
    assert parse_header('form-data; name="..\\escape"; filename="a\\\\b"')[1] == {"name": "..\\escape", "filename": "a\\b"}
