"""Region policy profiles: ``resources/profiles/<id>.toml`` merged over ``national.toml``.

``national.toml`` is the complete schema (every key a region may set, like cibuildwheel's
defaults.toml); a region file names it in ``meta.extends`` and overrides leaves. A leaf is a table
with ``value`` and ``article`` (and optionally ``force``, ``quote``, ``note``, ``applies``). Every
file is checked strictly (see ``profile_validation``): an unknown key, a wrong type, a missing
article or a bad force is refused with a message naming the file, the key and the problem.

    p = load_profile("changzhi")
    p.value("class_size.primary_max")          # 50
    p.rule("class_size.primary_max").article   # 《长治市实施细则》第十三条
"""

from __future__ import annotations

import copy
import difflib
import functools
import re
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from ... import paths
from .profile_validation import FORMAT, ProfileError, check_base, check_meta, check_override

__all__ = ["BASE_ID", "FORMAT", "Profile", "ProfileError", "Rule", "available_profiles", "clear_cache",
           "load_profile"]

BASE_ID = "national"


@dataclass(frozen=True)
class Rule:
    key: str  # "class_size.primary_max"
    value: Any
    article: str  # 《长治市实施细则》第十三条; "" only where applies is false and a note says why
    force: str | None = None  # "block", "warn", "info"
    quote: str | None = None  # the original wording
    note: str | None = None  # shown in the UI (e.g. the choice made where the text contradicts itself)
    applies: bool = True  # false where the region's text states no such rule


class Profile:
    """One region's rules, merged over the national baseline. Read-only: values are copies."""

    def __init__(self, meta: dict[str, Any], rules: dict[str, Rule], path: Path):
        self.meta = dict(meta)
        self.id: str = meta["id"]
        self.name: str = meta["name"]
        self.document: str = meta["document"]
        self.full_title: str = meta["full_title"]
        self.extends: str | None = meta.get("extends")
        self.note: str | None = meta.get("note")
        self.path = path
        self._rules = rules

    def __repr__(self) -> str:
        return f"Profile({self.id!r}, {len(self._rules)} rules)"

    def keys(self) -> list[str]:
        return list(self._rules)

    def rule(self, key: str) -> Rule:
        try:
            found = self._rules[key]
        except KeyError:
            raise ProfileError(f"{self.id}: {key}: {_unknown(key, self._rules)}") from None
        return replace(found, value=copy.deepcopy(found.value))

    def value(self, key: str) -> Any:
        return self.rule(key).value

    def applies(self, key: str) -> bool:
        return self.rule(key).applies

    def rules(self, prefix: str = "") -> list[Rule]:
        """The rules whose key starts with ``prefix``, in the order of national.toml."""
        return [self.rule(k) for k in self._rules if k.startswith(prefix)]


def load_profile(profile_id: str, directory: Path | str | None = None) -> Profile:
    """The merged, checked profile; cached per (id, directory). Raises ProfileError."""
    if directory is None:  # the program's own profiles: the folder resolved once (this is called per rule read)
        return _load(profile_id, _bundled_folder())
    return _load(profile_id, str(Path(directory).resolve()))


@functools.lru_cache(maxsize=1)
def _bundled_folder() -> str:
    return str(paths.PROFILES_DIR.resolve())


def clear_cache() -> None:
    _load.cache_clear()
    _bundled_folder.cache_clear()


def available_profiles(directory: Path | str | None = None) -> list[tuple[str, str]]:
    """[(id, name)]: the national baseline first, then regions by meta.order, then by id."""
    folder = Path(directory) if directory is not None else paths.PROFILES_DIR
    found = []
    for path in sorted(folder.glob("*.toml")):
        meta = _read(path).get("meta")
        if not isinstance(meta, dict) or not isinstance(meta.get("name"), str):
            raise ProfileError(f"{path.name}: meta.name: 缺少必填项")
        order = meta.get("order") if isinstance(meta.get("order"), int) else 10**6
        base = 0 if path.stem == BASE_ID else 1
        found.append(((base, order, path.stem), (path.stem, meta["name"])))
    return [entry for _, entry in sorted(found)]


@functools.lru_cache(maxsize=None)
def _load(profile_id: str, directory: str) -> Profile:
    tree, meta, _ = _merged(profile_id, Path(directory), ())
    rules = {key: _rule(key, leaf) for key, leaf in _leaves(tree)}
    return Profile(meta, rules, Path(directory) / f"{profile_id}.toml")


def _merged(profile_id: str, folder: Path, chain: tuple[str, ...]) -> tuple[dict, dict, dict]:
    """(merged rule tree, meta, schema) of one file and the files it extends."""
    name = f"{profile_id}.toml"
    if not re.fullmatch(r"[a-z][a-z0-9_]*", profile_id or ""):
        raise ProfileError(f"{name}: 地区配置编号只能由小写字母、数字和下划线组成")
    path = folder / name
    if not path.is_file():
        raise ProfileError(f"{name}: 找不到地区配置文件（{folder}）")
    data = _read(path)
    known = sorted(p.stem for p in folder.glob("*.toml"))
    meta = check_meta(data.get("meta"), name, profile_id, known, BASE_ID)
    body = {k: v for k, v in data.items() if k != "meta"}
    parent_id = meta.get("extends")
    if parent_id is None:
        check_base(body, name)
        return body, meta, body
    if parent_id in chain + (profile_id,):
        raise ProfileError(f"{name}: meta.extends: 配置循环继承（{' → '.join(chain + (profile_id, parent_id))}）")
    parent, _, schema = _merged(parent_id, folder, chain + (profile_id,))
    check_override(body, schema, name)
    return _merge(parent, body), meta, schema


def _read(path: Path) -> dict:
    try:
        with path.open("rb") as f:
            return tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        text = str(e)
        at = re.search(r"\s*\(at line (\d+), column (\d+)\)", text)
        if at:
            raise ProfileError(f"{path.name}: 第 {at[1]} 行第 {at[2]} 列: TOML 语法错误：{text[:at.start()]}") from None
        raise ProfileError(f"{path.name}: TOML 语法错误：{text}") from None
    except OSError as e:
        raise ProfileError(f"{path.name}: 无法读取：{e}") from None


def _merge(base: dict, over: dict) -> dict:
    """Leaf by leaf: a region's leaf replaces the base leaf (keeping the base value if it gives none)."""
    merged = dict(base)
    for key, node in over.items():
        if "value" in base[key]:
            leaf = {k: v for k, v in node.items()}
            leaf.setdefault("value", base[key]["value"])
            merged[key] = leaf
        else:
            merged[key] = _merge(base[key], node)
    return merged


def _leaves(tree: dict, prefix: str = ""):
    for key, node in tree.items():
        if "value" in node:
            yield prefix + key, node
        else:
            yield from _leaves(node, f"{prefix}{key}.")


def _rule(key: str, leaf: dict) -> Rule:
    return Rule(key=key, value=leaf["value"], article=leaf.get("article", ""), force=leaf.get("force"),
                quote=leaf.get("quote"), note=leaf.get("note"), applies=leaf.get("applies", True))


def _unknown(key: str, known) -> str:
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return f"未知的规则（是否想写 {close[0]}？）" if close else "未知的规则"
