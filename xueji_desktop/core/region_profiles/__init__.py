"""Region profiles: the numbers, lists, windows, approvers and articles of each region's text, read
from `resources/profiles/*.toml` and checked on load. The code asks `profile.rule(key)`; it never
branches on the region.

May import: paths, xueji_desktop.
"""
