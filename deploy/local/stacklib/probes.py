"""Health checks that speak each server's own protocol, with the standard library only.

An open TCP port is not enough: a JVM binds its port long before it can serve requests, and a
port may belong to some other program. Each check therefore asks a real question (Kafka:
ApiVersions + Metadata, Elasticsearch: cluster health, MongoDB wire: ping) and answers
True only for a correct, healthy reply. Every check is bounded by `timeout` and never raises.
"""

from __future__ import annotations

import json
import socket
import struct
import urllib.error
import urllib.request

# --------------------------------------------------------------------------- plain TCP / HTTP


def tcp_open(host: str, port: int, timeout: float = 1.0) -> bool:
    """True if something accepts connections on host:port."""
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def http_get(url: str, timeout: float = 3.0) -> tuple[int, bytes] | None:
    """(status, body) of a GET, also for 4xx/5xx answers; None if nothing answered."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except (OSError, ValueError):
        return None


def http_ok(url: str, timeout: float = 3.0) -> bool:
    reply = http_get(url, timeout)
    return reply is not None and reply[0] == 200


def _recv_exact(sock: socket.socket, size: int) -> bytes:
    chunks = bytearray()
    while len(chunks) < size:
        chunk = sock.recv(size - len(chunks))
        if not chunk:
            raise ConnectionError("connection closed mid-reply")
        chunks += chunk
    return bytes(chunks)


# --------------------------------------------------------------------------- Elasticsearch


def elasticsearch_ready(host: str, port: int, timeout: float = 5.0) -> bool:
    """Cluster health is yellow or green (`GET /` answers 405 on the integ-test build)."""
    reply = http_get(
        f"http://{host}:{port}/_cluster/health?wait_for_status=yellow&timeout=1s", timeout
    )
    if reply is None or reply[0] != 200:
        return False
    try:
        return json.loads(reply[1]).get("status") in ("yellow", "green")
    except ValueError:
        return False


# --------------------------------------------------------------------------- Kafka

_API_METADATA = 3
_API_VERSIONS = 18


def _kafka_request(sock: socket.socket, api_key: int, version: int, body: bytes, corr: int) -> bytes:
    """Send one request with a v1 (non-flexible) header; return the reply after its correlation id."""
    client = b"cairn-stack"
    header = struct.pack(">hhih", api_key, version, corr, len(client)) + client
    message = header + body
    sock.sendall(struct.pack(">i", len(message)) + message)
    size = struct.unpack(">i", _recv_exact(sock, 4))[0]
    reply = _recv_exact(sock, size)
    if struct.unpack(">i", reply[:4])[0] != corr:
        raise ConnectionError("correlation id mismatch")
    return reply[4:]


def _kafka_api_versions(sock: socket.socket) -> dict[int, tuple[int, int]]:
    """ApiVersions v0 (every broker answers it): {api_key: (min, max)}."""
    reply = _kafka_request(sock, _API_VERSIONS, 0, b"", corr=1)
    error, count = struct.unpack(">hi", reply[:6])
    if error != 0:
        raise ConnectionError(f"ApiVersions error {error}")
    versions = {}
    for i in range(count):
        key, low, high = struct.unpack(">hhh", reply[6 + 6 * i: 12 + 6 * i])
        versions[key] = (low, high)
    return versions


def _kafka_broker_count(sock: socket.socket, low: int, high: int) -> int | None:
    """Brokers listed by a Metadata request for no topics; None if no old-style version fits.

    Versions 9+ use the "flexible" encoding; 1-8 keep the simple one used here.
    """
    version = max(low, 1)
    if version > min(high, 8):
        return None
    body = struct.pack(">i", 0)  # empty topic list: brokers only
    if version >= 4:
        body += b"\x00"  # allow_auto_topic_creation
    if version >= 8:
        body += b"\x00\x00"  # include cluster/topic authorized operations
    reply = _kafka_request(sock, _API_METADATA, version, body, corr=2)
    offset = 4 if version >= 3 else 0  # throttle_time_ms
    return struct.unpack(">i", reply[offset: offset + 4])[0]


def kafka_ready(host: str, port: int, timeout: float = 3.0) -> bool:
    """The broker answers ApiVersions and its metadata lists at least one broker.

    A KRaft broker opens its client listener only once it has caught up and is unfenced, so
    a correct reply here means producers and consumers can work.
    """
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.settimeout(timeout)
            versions = _kafka_api_versions(sock)
            if _API_METADATA not in versions:
                return False
            brokers = _kafka_broker_count(sock, *versions[_API_METADATA])
            return brokers is None or brokers >= 1
    except (OSError, struct.error, ConnectionError):
        return False


# --------------------------------------------------------------------------- MongoDB wire

_OP_MSG = 2013


def _bson_ping() -> bytes:
    """BSON of {"ping": 1, "$db": "admin"}."""
    ping = b"\x10ping\x00" + struct.pack("<i", 1)
    db = b"\x02$db\x00" + struct.pack("<i", 6) + b"admin\x00"
    body = ping + db
    return struct.pack("<i", len(body) + 5) + body + b"\x00"


_FIXED_SIZES = {1: 8, 7: 12, 8: 1, 9: 8, 10: 0, 16: 4, 17: 8, 18: 8, 19: 16, 127: 0, 255: 0}


def _bson_top_level_number(doc: bytes, wanted: str) -> float | None:
    """The numeric value of one top-level field of a BSON document (None if absent)."""
    pos = 4
    while pos < len(doc) - 1:
        kind = doc[pos]
        name_end = doc.index(b"\x00", pos + 1)
        name = doc[pos + 1: name_end].decode("utf-8", "replace")
        pos = name_end + 1
        if name == wanted:
            if kind == 1:
                return struct.unpack("<d", doc[pos: pos + 8])[0]
            if kind == 16:
                return struct.unpack("<i", doc[pos: pos + 4])[0]
            if kind == 18:
                return struct.unpack("<q", doc[pos: pos + 8])[0]
            if kind == 8:
                return float(doc[pos])
            return None
        if kind in _FIXED_SIZES:
            pos += _FIXED_SIZES[kind]
        elif kind in (2, 13, 14):  # string, code, symbol: int32 length + bytes
            pos += 4 + struct.unpack("<i", doc[pos: pos + 4])[0]
        elif kind in (3, 4, 15):  # document, array, code with scope: int32 total size
            pos += struct.unpack("<i", doc[pos: pos + 4])[0]
        elif kind == 5:  # binary: int32 length + subtype + bytes
            pos += 5 + struct.unpack("<i", doc[pos: pos + 4])[0]
        elif kind == 11:  # regex: two C strings
            pos = doc.index(b"\x00", doc.index(b"\x00", pos) + 1) + 1
        else:
            return None
    return None


def mongo_ready(host: str, port: int, timeout: float = 3.0) -> bool:
    """A MongoDB `ping` command over OP_MSG answers ok: 1."""
    request_body = struct.pack("<I", 0) + b"\x00" + _bson_ping()  # flags, section kind 0
    header = struct.pack("<iiii", 16 + len(request_body), 1, 0, _OP_MSG)
    try:
        with socket.create_connection((host, port), timeout=timeout) as sock:
            sock.settimeout(timeout)
            sock.sendall(header + request_body)
            length, _, response_to, opcode = struct.unpack("<iiii", _recv_exact(sock, 16))
            rest = _recv_exact(sock, length - 16)
            if opcode != _OP_MSG or response_to != 1 or rest[4] != 0:
                return False
            return _bson_top_level_number(rest[5:], "ok") == 1
    except (OSError, struct.error, ValueError, IndexError, ConnectionError):
        return False
