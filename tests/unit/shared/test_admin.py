"""Topic creation waits until the broker's metadata lists the new topics (a consumer that
subscribes before that is assigned no partitions)."""

from __future__ import annotations

from shared.messaging import admin


class LaggingAdmin:
    """Describes a created topic as unknown, then leaderless, then ready (third request)."""

    def __init__(self, **_) -> None:
        self.created: dict[str, int] = {}
        self.described = 0

    async def start(self) -> None: ...

    async def close(self) -> None: ...

    async def list_topics(self) -> list[str]:
        return ["old", *self.created]

    async def describe_topics(self, names: list[str]) -> list[dict]:
        self.described += 1
        out = []
        for name in names:
            if self.described == 1:
                out.append({"topic": name, "error_code": 3, "partitions": []})  # unknown topic
            else:
                leader = 1 if self.described >= 3 else -1
                out.append({"topic": name, "error_code": 0, "partitions": [
                    {"partition": p, "leader": leader} for p in range(self.created[name])]})
        return out

    async def create_topics(self, topics) -> None:
        self.created.update({t.name: t.num_partitions for t in topics})


async def test_ensure_topics_returns_once_the_new_topics_are_in_the_metadata(monkeypatch):
    made: list[LaggingAdmin] = []
    monkeypatch.setattr(admin, "AIOKafkaAdminClient", lambda **kw: made.append(LaggingAdmin(**kw)) or made[-1])
    await admin.ensure_topics("broker:9092", {"old": 1, "new": 3})
    assert made[0].created == {"new": 3}
    assert made[0].described == 3  # polled until every partition had a leader
