"""Strict checks of profile files; every message names the file, the key and the problem in Chinese.

    heilongjiang.toml: enrolment.min_agee: 未知的键（是否想写 enrolment.min_age？）
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Any, NoReturn

FORMAT = 1  # the newest profile format this program reads
FORCES = ("block", "warn", "info")
LEAF_KEYS = ("value", "article", "force", "quote", "note", "applies")
SCHEMA_KEYS = ("item_keys",)  # national.toml only: the keys allowed in each table of a list value
META_KEYS = ("id", "name", "document", "full_title", "extends", "format", "order", "note")
META_REQUIRED = ("id", "name", "document", "full_title", "format")
_MMDD = re.compile(r"^(\d\d)-(\d\d)$")
_DURATION = re.compile(r"^P(?=\d)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?$")
_KIND_NAMES = {bool: "布尔值", int: "整数", float: "小数", str: "字符串", list: "数组", dict: "表",
               dt.date: "日期", dt.datetime: "日期时间", dt.time: "时间"}


class ProfileError(Exception):
    """A profile file that cannot be used; the message says which file, which key, what is wrong."""


def _fail(file: str, key: str, problem: str) -> NoReturn:
    raise ProfileError(f"{file}: {key}: {problem}")


def _suggest(word: str, candidates, prefix: str = "") -> str:
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f"未知的键（是否想写 {prefix}{close[0]}？）" if close else "未知的键"


def check_meta(meta: Any, file: str, profile_id: str, known: list[str], base_id: str) -> dict:
    if not isinstance(meta, dict):
        _fail(file, "meta", "缺少 [meta] 表")
    for key in meta:
        if key not in META_KEYS:
            _fail(file, f"meta.{key}", _suggest(key, META_KEYS, "meta."))
    for key in META_REQUIRED:
        if key not in meta:
            _fail(file, f"meta.{key}", "缺少必填项")
    for key in ("id", "name", "document", "full_title", "extends", "note"):
        if key in meta and (not isinstance(meta[key], str) or not meta[key].strip()):
            _fail(file, f"meta.{key}", "应为非空字符串")
    if meta["id"] != profile_id:
        _fail(file, "meta.id", f"“{meta['id']}”与文件名不一致（应为 {profile_id}）")
    fmt = meta["format"]
    if not isinstance(fmt, int) or isinstance(fmt, bool) or fmt < 1:
        _fail(file, "meta.format", "应为正整数")
    if fmt > FORMAT:
        _fail(file, "meta.format", f"格式版本 {fmt} 高于本程序支持的 {FORMAT}，请升级学籍桌面")
    if "order" in meta and (not isinstance(meta["order"], int) or isinstance(meta["order"], bool)):
        _fail(file, "meta.order", "应为整数")
    if not re.fullmatch(r"《[^《》]+》", meta["document"]):
        _fail(file, "meta.document", "应为用书名号括起的简称，如 《黑龙江省实施细则》")
    parent = meta.get("extends")
    if parent is None and profile_id != base_id:
        _fail(file, "meta.extends", f"缺少必填项（地区配置应写 extends = \"{base_id}\"）")
    if parent is not None and parent not in known:
        hint = difflib.get_close_matches(parent, known, n=1, cutoff=0.6)
        _fail(file, "meta.extends", f"未知的基础配置“{parent}”" + (f"（是否想写 {hint[0]}？）" if hint else ""))
    return meta


def check_base(tree: dict, file: str, prefix: str = "") -> None:
    """national.toml: every table is a group of tables or a leaf with a value."""
    for key, node in tree.items():
        full = prefix + key
        if not isinstance(node, dict):
            _fail(file, full, f"应为表 [{full}]，含 value 和 article")
        if "value" in node:
            _check_leaf(node, full, file, None)
        elif not node or any(k in node for k in LEAF_KEYS + SCHEMA_KEYS):
            _fail(file, full, "缺少 value")
        else:
            check_base(node, file, full + ".")


def check_override(tree: dict, schema: dict, file: str, prefix: str = "", root: dict | None = None) -> None:
    """A region file: only keys of the schema, each leaf of the schema's type."""
    root = schema if root is None else root
    for key, node in tree.items():
        full = prefix + key
        if key not in schema:
            close = difflib.get_close_matches(key, list(schema), n=1, cutoff=0.6)
            if close:
                _fail(file, full, f"未知的键（是否想写 {prefix}{close[0]}？）")
            _fail(file, full, _suggest(full, _all_keys(root)) + "：national.toml 中没有此键")
        ref = schema[key]
        if not isinstance(node, dict):
            what = "规则" if "value" in ref else "分组"
            _fail(file, full, f"应为表 [{full}]（{what}），不能直接赋值")
        if "value" in ref:
            _check_leaf(node, full, file, ref)
        else:
            check_override(node, ref, file, full + ".", root)


def _all_keys(tree: dict, prefix: str = "") -> list[str]:
    out = []
    for key, node in tree.items():
        out += [prefix + key] if "value" in node else _all_keys(node, f"{prefix}{key}.")
    return out


def _check_leaf(leaf: dict, key: str, file: str, ref: dict | None) -> None:
    allowed = LEAF_KEYS + (SCHEMA_KEYS if ref is None else ())
    for attr in leaf:
        if attr not in allowed:
            _fail(file, f"{key}.{attr}", _suggest(attr, allowed, f"{key}."))
    applies = leaf.get("applies", True)
    if not isinstance(applies, bool):
        _fail(file, f"{key}.applies", "应为 true 或 false")
    if "article" in leaf:
        _check_article(leaf["article"], f"{key}.article", file)
    elif applies:
        _fail(file, key, "缺少 article（须注明条文出处，如 《黑龙江省实施细则》第二十条）")
    elif not leaf.get("note"):
        _fail(file, key, "applies = false 时须写 article（条文在何处）或 note（如“本地区规定未作要求”）")
    if "force" in leaf and leaf["force"] not in FORCES:
        _fail(file, f"{key}.force", f"无效的 force 值“{leaf['force']}”（应为 block、warn 或 info）")
    for attr in ("quote", "note"):
        if attr in leaf and not isinstance(leaf[attr], str):
            _fail(file, f"{key}.{attr}", "应为字符串")
    if "value" not in leaf:
        if ref is None or applies:
            _fail(file, key, "缺少 value")
        return
    schema = ref if ref is not None else leaf
    if ref is not None:
        _same_shape(leaf["value"], ref["value"], f"{key}.value", file)
    if "item_keys" in schema:
        _check_items(leaf["value"], schema, f"{key}.value", file)
    if key in _VALUE_CHECKS:
        _VALUE_CHECKS[key](leaf["value"], f"{key}.value", file)


def _check_article(article: Any, key: str, file: str) -> None:
    if not isinstance(article, str) or not re.match(r"《[^《》]+》\S", article):
        _fail(file, key, f"条文出处“{article}”应以书名号中的简称开头并写明条款，如 《黑龙江省实施细则》第二十条")


def _kind(value: Any) -> type:
    for kind in (bool, int, float, str, list, dict, dt.datetime, dt.date, dt.time):
        if isinstance(value, kind):
            return kind
    return type(value)


def _same_shape(value: Any, ref: Any, key: str, file: str) -> None:
    kind, want = _kind(value), _kind(ref)
    if kind is not want:
        _fail(file, key, f"类型应为{_KIND_NAMES.get(want, want.__name__)}（与 national.toml 一致），"
                         f"实际为{_KIND_NAMES.get(kind, kind.__name__)}")
    if kind is str and _MMDD.match(ref) and not _valid_mmdd(value):
        _fail(file, key, f"“{value}”应为 MM-DD 格式的日期，如 08-31")
    if kind is str and _DURATION.match(ref) and not _DURATION.match(value):
        _fail(file, key, f"“{value}”应为 ISO-8601 期限，如 P1M（1个月）、P15D（15天）")
    if kind is dict:
        for sub in value:
            if sub not in ref:
                _fail(file, f"{key}.{sub}", _suggest(sub, ref, f"{key}."))
        for sub in ref:
            if sub not in value:
                _fail(file, f"{key}.{sub}", "缺少此项")
            _same_shape(value[sub], ref[sub], f"{key}.{sub}", file)
    if kind is list and ref and not isinstance(ref[0], dict):
        for i, item in enumerate(value):
            _same_shape(item, ref[0], f"{key}[{i}]", file)


def _check_purposes(items: list, key: str, file: str) -> None:
    """The purposes asked before an export (core.accounts.access_log): a label each, and one item `other`
    whose text the registrar types."""
    if not items:
        _fail(file, key, "至少应列出一项用途")
    for i, item in enumerate(items):
        if not isinstance(item.get("label"), str) or not item["label"].strip():
            _fail(file, f"{key}[{i}].label", "缺少用途名称")
    if sum(item.get("id") == "other" for item in items) != 1:
        _fail(file, key, "应有且只有一项 id = \"other\"（其他，由操作人填写）")


# Checks of one key's value beyond its shape.
_VALUE_CHECKS = {"confidentiality.access_purposes": _check_purposes}


def _valid_mmdd(text: str) -> bool:
    m = _MMDD.match(text)
    try:
        return bool(m) and dt.date(2000, int(m[1]), int(m[2])) is not None
    except ValueError:
        return False


def _check_items(items: Any, schema: dict, key: str, file: str) -> None:
    """Each table of a list value: only the schema's item_keys, an id, a valid force and article."""
    names = schema["item_keys"]
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        _fail(file, key.removesuffix(".value") + ".item_keys", "应为字符串数组")
    examples = {k: v for item in schema["value"] if isinstance(item, dict) for k, v in item.items()}
    seen = set()
    for i, item in enumerate(items):
        where = f"{key}[{i}]"
        if not isinstance(item, dict):
            _fail(file, where, "应为内联表，如 { id = \"...\", label = \"...\" }")
        for attr, val in item.items():
            if attr not in names:
                _fail(file, f"{where}.{attr}", _suggest(attr, names, f"{where}."))
            if attr in examples:
                _same_shape(val, examples[attr], f"{where}.{attr}", file)
        if "id" in names:
            ident = item.get("id")
            if not isinstance(ident, str) or not ident:
                _fail(file, f"{where}.id", "缺少 id")
            if ident in seen:
                _fail(file, f"{where}.id", f"重复的 id“{ident}”")
            seen.add(ident)
        if "force" in item and item["force"] not in FORCES:
            _fail(file, f"{where}.force", f"无效的 force 值“{item['force']}”（应为 block、warn 或 info）")
        if "article" in item:
            _check_article(item["article"], f"{where}.article", file)
