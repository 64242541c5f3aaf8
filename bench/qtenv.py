"""The Qt environment every measure runs in: offscreen, one 1366×768 screen (the office laptop the
main window is laid out for), the demo school's credentials for XUEJI_AUTOLOGIN."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

SCREEN = {"name": "bench", "x": 0, "y": 0, "width": 1366, "height": 768,
          "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}


def screen_config() -> Path:
    path = Path(tempfile.gettempdir()) / f"xueji-bench-screen-{os.getuid()}.json"
    text = json.dumps({"screens": [SCREEN]})
    if not path.exists() or path.read_text() != text:
        path.write_text(text)
    return path


def child_env(autologin: bool = True) -> dict[str, str]:
    from xueji_desktop.core.demo_school.demo import DEMO_PASSWORD, DEMO_USER

    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={screen_config()}"
    env.pop("XUEJI_TODAY", None)
    if autologin:
        env["XUEJI_AUTOLOGIN"] = f"{DEMO_USER}:{DEMO_PASSWORD}"
    else:
        env.pop("XUEJI_AUTOLOGIN", None)
    return env
