"""What a benchmark child reports about its own process (stdlib only: imported before the timed imports)."""

import os


def cpu_ms() -> float:
    """CPU time of the whole process so far (every thread, user + system): what a busy machine does not inflate."""
    t = os.times()
    return round((t.user + t.system) * 1000, 1)


def vm_hwm_kb() -> int:
    """The process's peak resident memory so far (Linux VmHWM), 0 where /proc is not there."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0
