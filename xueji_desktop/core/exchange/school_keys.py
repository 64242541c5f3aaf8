"""The school's keys: its own key pairs, and the bureau's public key the registrar trusts.

- `create_keys` makes the school's Ed25519 signing pair and X25519 pair for the bureau's replies (at
  set-up or later); the private keys are stored wrapped for each account that uses them, each copy
  protected by that account's password (`KeyWrap`), in one transaction with its event; an administrator
  passes the key to a new registrar's first password (core.school.users) without exporting it.
- `trust_bureau` loads the bureau's 学籍公钥文件 from the stick and stores it only when the
  fingerprint the registrar typed from the bureau's stamped letter matches the file's.
- `school_fingerprint` is what the 密钥登记表 prints for the bureau to register.
"""

from __future__ import annotations

from pathlib import Path

from ...store.models import BureauKey, KeyWrap, SchoolKey
from ..accounts.passwords import verify_password
from ..school.events import EventKind, changing
from . import keys


class KeyRefused(Exception):
    """A key operation was refused; `message` in Chinese. Nothing was changed."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _author(ws):
    if ws.user is None:
        raise KeyRefused("未登录：请先登录后再操作密钥")
    return ws.user


# the school's own key pair -----------------------------------------------------------------------
def active_school_key() -> SchoolKey | None:
    return SchoolKey.select().where(SchoolKey.active == True).order_by(SchoolKey.id.desc()).first()


def create_keys(ws, password: str, *, replace: bool = False) -> SchoolKey:
    """Generates the school's signing key pair, the private key protected by `password` (the signed-in
    registrar's own). An existing pair is kept unless `replace` (the old one then stays, inactive)."""
    author = _author(ws)
    if not verify_password(author.password_hash, password or ""):
        raise KeyRefused("密码不正确：学校私钥须用当前登录教师的密码保护")
    if active_school_key() is not None and not replace:
        raise KeyRefused("学校密钥已存在；如确需更换，须重新打印密钥登记表交教育局登记")
    with changing(ws.db, author, ws.now()) as tx:
        row = write_new_keys(tx, author, password, ws.school, replace=replace)
    return row


def write_new_keys(tx, author, password: str, school, *, replace: bool = False) -> SchoolKey:
    """Generates and stores a new key set inside the caller's transaction (also the set-up's)."""
    pair = keys.SchoolKeys.generate()
    protected = keys.protect(pair.private_bytes(), password)
    SchoolKey.update(active=False).where(SchoolKey.active == True).execute()
    row = SchoolKey.create(public_key=pair.signing_public, encryption_public=pair.encryption_public,
                           private_protected=protected, fingerprint=pair.fingerprint, active=True,
                           created_at=tx.now, created_by=author)
    KeyWrap.create(school_key=row, user=author, protected=protected, wrapped_at=tx.now, wrapped_by=author)
    tx.record(EventKind.SCHOOL_KEYS_CREATED, f"生成学校密钥，指纹 {pair.fingerprint}",
              {"school_code": school.code if school else "", "fingerprint": pair.fingerprint,
               "signing_key": pair.signing_public.hex(), "encryption_key": pair.encryption_public.hex(),
               "replaced": replace})
    return row


def school_fingerprint(ws) -> str | None:
    key = active_school_key()
    return key.fingerprint if key else None


def school_public_key_bytes(ws) -> bytes:
    """The school's 学籍公钥文件 (JSON) for the bureau to register."""
    key = active_school_key()
    if key is None:
        raise KeyRefused("本校尚未生成密钥")
    school = ws.school
    encryption = bytes(key.encryption_public) if key.encryption_public is not None else None
    info = keys.PublicKeyFile("school", school.code, school.name, bytes(key.public_key), encryption)
    return keys.public_key_file_bytes(info)


def unlock_school_key(password: str, user=None) -> keys.SchoolKeys:
    """The school's private key from `user`'s own wrapped copy (without a user: the copy made with the
    key), or KeyRefused when the account holds none or the password does not open it."""
    key = active_school_key()
    if key is None:
        raise KeyRefused("本校尚未生成密钥：请先在“与教育局交换”中生成学校密钥")
    protected = bytes(key.private_protected)
    if user is not None:
        wrap = KeyWrap.get_or_none((KeyWrap.school_key == key) & (KeyWrap.user == user))
        if wrap is None:
            raise KeyRefused(f"账号 {user.username} 尚未开通学校密钥：请管理员在 设置 → 用户 中重置此账号的密码"
                             "（同时开通密钥），或由生成密钥的账号办理")
        protected = bytes(wrap.protected)
    try:
        pair = keys.SchoolKeys.from_private_bytes(keys.unprotect(protected, password))
    except keys.WrongPassword:
        raise KeyRefused("密码不正确，无法使用学校私钥") from None
    except keys.KeyFileError as e:
        raise KeyRefused(e.message) from None
    stored_encryption = bytes(key.encryption_public) if key.encryption_public is not None else None
    if pair.signing_public != bytes(key.public_key) or pair.encryption_public != stored_encryption:
        raise KeyRefused("学校私钥与公钥不符：密钥数据已损坏")
    return pair


# the bureau's public key -------------------------------------------------------------------------
def active_bureau_key() -> BureauKey | None:
    return BureauKey.select().where(BureauKey.active == True).order_by(BureauKey.id.desc()).first()


def bureau_public(row: BureauKey) -> keys.PublicKeyFile:
    return keys.parse_public_key_file(bytes(row.key_file))


def read_bureau_key_file(key_file_path: str | Path) -> tuple[keys.PublicKeyFile, bytes]:
    try:
        data = Path(key_file_path).read_bytes()
    except FileNotFoundError:
        raise KeyRefused(f"找不到公钥文件：{key_file_path}") from None
    except OSError as e:
        raise KeyRefused(f"无法读取公钥文件 {key_file_path}：{e.strerror or e}") from None
    try:
        info = keys.parse_public_key_file(data)
    except keys.KeyFileError as e:
        raise KeyRefused(f"{Path(key_file_path).name}：{e.message}") from None
    if info.kind != "bureau":
        raise KeyRefused(f"{Path(key_file_path).name} 是学校的公钥文件，不是教育局的公钥文件")
    return info, data


def trust_bureau(ws, key_file_path: str | Path, confirmed_fingerprint: str) -> BureauKey:
    """Stores the bureau's public key once the fingerprint typed from the stamped letter matches."""
    author = _author(ws)
    info, data = read_bureau_key_file(key_file_path)
    typed = keys.normalize_fingerprint(confirmed_fingerprint)
    if not keys.same_fingerprint(typed, info.fingerprint):
        shown = _groups(typed) if typed else "（未填写）"
        raise KeyRefused(f"指纹不一致，未登记此公钥：教育局公函上的指纹为 {shown}，"
                         f"U 盘上公钥文件的指纹为 {info.fingerprint}。请核对公函；如确实不同，"
                         f"请勿使用此文件，并打电话向教育局核实。")
    current = active_bureau_key()
    if current is not None and current.fingerprint == info.fingerprint:
        return current  # already trusted: nothing to change
    with changing(ws.db, author, ws.now()) as tx:
        BureauKey.update(active=False).where(BureauKey.active == True).execute()
        row = BureauKey.create(key_file=data, fingerprint=info.fingerprint, name=info.name, active=True,
                               confirmed_fingerprint=confirmed_fingerprint.strip(), confirmed_at=tx.now,
                               confirmed_by=author)
        tx.record(EventKind.BUREAU_KEY_TRUSTED,
                  f"登记教育局公钥：{info.name}（{info.code}），指纹 {info.fingerprint}",
                  {"bureau_code": info.code, "bureau_name": info.name, "fingerprint": info.fingerprint,
                   "replaced": current.fingerprint if current else None})
    return row


def _groups(digits: str) -> str:
    step = keys.FINGERPRINT_GROUP_DIGITS
    return " ".join(digits[i:i + step] for i in range(0, len(digits), step))
