"""``server.*`` beyond ``server.info``: what the server says about itself.

``server.report_stats_option`` is called by the web UI on every page. clearml-server asks
there whether the company agreed to send anonymous usage statistics to ClearML; Cairn sends
none anywhere, so it answers as a clearml-server whose statistics reporting is not
supported (``{"supported": false}``, whatever the caller sends): the UI then never offers
the opt-in.
"""

from __future__ import annotations

from typing import Any


def report_stats_option() -> dict[str, Any]:
    """``server.report_stats_option``: statistics reporting is not supported."""
    return {"supported": False}
