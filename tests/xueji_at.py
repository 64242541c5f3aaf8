"""`python tests/xueji_at.py MOMENT ARGS…` runs the `xueji` command with the PC's clock at MOMENT (ISO 8601,
local time), running on from there: the tests' way to put a command-line run on the day the test is about.
It is the same program as `python -m xueji_desktop ARGS…`; only the clock is moved, by time-machine."""

import datetime as dt
import runpy
import sys

import time_machine

if __name__ == "__main__":
    moment = dt.datetime.fromisoformat(sys.argv[1])
    sys.argv = ["xueji", *sys.argv[2:]]
    with time_machine.travel(moment.astimezone() if moment.tzinfo is None else moment, tick=True):
        runpy.run_module("xueji_desktop", run_name="__main__", alter_sys=True)
