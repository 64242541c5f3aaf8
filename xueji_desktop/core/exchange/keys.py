"""Keys for the exchange with the county bureau. Pure functions over bytes: no database, no Qt.

- A school has an Ed25519 signing key (it signs every batch it sends) and an X25519 key (the bureau
  encrypts its replies to it). Keys made before replies existed have the signing key only.
- The bureau has an X25519 key (schools encrypt batches to it with HPKE) and an Ed25519 key (it signs
  its replies).
- A fingerprint is 40 decimal digits in 8 groups of 5, printed on the bureau's stamped letter and on the
  school's 密钥登记表, so that a person can compare them by eye (like Signal's safety numbers).
- A private key at rest is protected by the registrar's password: Argon2id + AES-256-GCM.
- A public key travels as a small versioned JSON file (学籍公钥文件).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import secrets
import struct
from dataclasses import dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

__all__ = [
    "KeyFileError", "WrongPassword", "SchoolKeys", "BureauKeys", "PublicKeyFile",
    "fingerprint", "same_fingerprint", "normalize_fingerprint", "raw_public",
    "protect", "unprotect",
    "public_key_file_bytes", "parse_public_key_file", "write_public_key_file", "read_public_key_file",
    "school_public_key_file", "bureau_public_key_file",
]

_RAW = serialization.Encoding.Raw
_RAW_PUB = serialization.PublicFormat.Raw
_RAW_PRIV = serialization.PrivateFormat.Raw
_NO_ENC = serialization.NoEncryption()


class KeyFileError(Exception):
    """A key, a protected key blob or a public key file was refused. `.message` is Chinese, for people."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class WrongPassword(KeyFileError):
    def __init__(self, message: str = "密码不正确"):
        super().__init__(message)


# --- fingerprints ---------------------------------------------------------------------------------------

FINGERPRINT_GROUPS = 8
FINGERPRINT_GROUP_DIGITS = 5


def fingerprint(public_key_bytes: bytes) -> str:
    """40 decimal digits in 8 groups of 5: "12345 67890 …".

    SHA-256 of the raw public key bytes, cut into eight 4-byte big-endian numbers, each taken modulo
    100000 and written with 5 digits (the bias of the modulo is below 1/42,000 per group).
    """
    if isinstance(public_key_bytes, (Ed25519PublicKey, X25519PublicKey)):
        public_key_bytes = raw_public(public_key_bytes)
    digest = hashlib.sha256(bytes(public_key_bytes)).digest()
    groups = []
    for i in range(FINGERPRINT_GROUPS):
        (n,) = struct.unpack(">I", digest[4 * i:4 * i + 4])
        groups.append(f"{n % 10 ** FINGERPRINT_GROUP_DIGITS:0{FINGERPRINT_GROUP_DIGITS}d}")
    return " ".join(groups)


def normalize_fingerprint(text: str) -> str:
    """Digits only, so "12345 67890…", "12345-67890…" and "1234567890…" compare equal."""
    return "".join(ch for ch in str(text) if ch.isdigit() and ch.isascii())


def same_fingerprint(a: str, b: str) -> bool:
    na, nb = normalize_fingerprint(a), normalize_fingerprint(b)
    return len(na) == FINGERPRINT_GROUPS * FINGERPRINT_GROUP_DIGITS and secrets.compare_digest(na, nb)


def raw_public(key) -> bytes:
    """Raw 32 public bytes of an Ed25519/X25519 public or private key object (bytes pass through)."""
    if isinstance(key, (bytes, bytearray, memoryview)):
        return bytes(key)
    if isinstance(key, (Ed25519PrivateKey, X25519PrivateKey)):
        key = key.public_key()
    return key.public_bytes(_RAW, _RAW_PUB)


def _raw_private(key) -> bytes:
    return key.private_bytes(_RAW, _RAW_PRIV, _NO_ENC)


# --- key sets -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SchoolKeys:
    """The school's Ed25519 signing key and X25519 key for the bureau's replies (None: an old pair)."""

    signing: Ed25519PrivateKey
    encryption: X25519PrivateKey | None = None

    @classmethod
    def generate(cls) -> SchoolKeys:
        return cls(Ed25519PrivateKey.generate(), X25519PrivateKey.generate())

    @classmethod
    def from_private_bytes(cls, data: bytes) -> SchoolKeys:
        """32 bytes: Ed25519 seed only (an old pair); 64 bytes: Ed25519 seed then X25519 private."""
        data = bytes(data)
        if len(data) == 32:
            return cls(Ed25519PrivateKey.from_private_bytes(data))
        if len(data) != 64:
            raise KeyFileError("学校私钥已损坏（长度不对）")
        return cls(Ed25519PrivateKey.from_private_bytes(data[:32]), X25519PrivateKey.from_private_bytes(data[32:]))

    def private_bytes(self) -> bytes:
        tail = _raw_private(self.encryption) if self.encryption is not None else b""
        return _raw_private(self.signing) + tail

    @property
    def signing_public(self) -> bytes:
        return raw_public(self.signing)

    @property
    def encryption_public(self) -> bytes | None:
        return raw_public(self.encryption) if self.encryption is not None else None

    @property
    def signing_fingerprint(self) -> str:
        """What a batch header names as its sender."""
        return fingerprint(self.signing_public)

    @property
    def fingerprint(self) -> str:
        """The one fingerprint on the 密钥登记表: it covers both public keys (the signing key alone for
        an old pair)."""
        return fingerprint((self.encryption_public or b"") + self.signing_public)


@dataclass(frozen=True)
class BureauKeys:
    """The bureau's X25519 key (schools encrypt to it) and Ed25519 key (it signs replies)."""

    encryption: X25519PrivateKey
    signing: Ed25519PrivateKey

    @classmethod
    def generate(cls) -> BureauKeys:
        return cls(X25519PrivateKey.generate(), Ed25519PrivateKey.generate())

    @classmethod
    def from_private_bytes(cls, data: bytes) -> BureauKeys:
        """64 bytes: X25519 private (32) then Ed25519 private seed (32)."""
        if len(data) != 64:
            raise KeyFileError("教育局私钥已损坏（长度不对）")
        data = bytes(data)
        return cls(X25519PrivateKey.from_private_bytes(data[:32]), Ed25519PrivateKey.from_private_bytes(data[32:]))

    def private_bytes(self) -> bytes:
        return _raw_private(self.encryption) + _raw_private(self.signing)

    @property
    def encryption_public(self) -> bytes:
        return raw_public(self.encryption)

    @property
    def signing_public(self) -> bytes:
        return raw_public(self.signing)

    @property
    def encryption_fingerprint(self) -> str:
        """The fingerprint a batch header names as its recipient."""
        return fingerprint(self.encryption_public)

    @property
    def signing_fingerprint(self) -> str:
        return fingerprint(self.signing_public)

    @property
    def fingerprint(self) -> str:
        """The one fingerprint on the stamped letter: it covers both public keys."""
        return fingerprint(self.encryption_public + self.signing_public)


# --- a private key protected by a password --------------------------------------------------------------

_PROTECT_MAGIC = b"XJKEY"
_PROTECT_VERSION = 1
# Argon2id: 3 passes over 64 MiB, 1 lane — about a tenth of a second on a school's old laptop.
_ARGON_T, _ARGON_M, _ARGON_P = 3, 64 * 1024, 1
_PROTECT_HEAD = struct.Struct(">5sBBIB")  # magic, version, time cost, memory KiB, parallelism
_SALT, _NONCE = 16, 12


def _derive(password: str, salt: bytes, t: int, m: int, p: int) -> bytes:
    return hash_secret_raw(password.encode("utf-8"), salt, time_cost=t, memory_cost=m, parallelism=p,
                           hash_len=32, type=Type.ID)


def protect(private_bytes: bytes, password: str, *, _cost: tuple[int, int, int] | None = None) -> bytes:
    """Encrypt private key bytes under a password: magic, version, Argon2id costs, salt, nonce, AES-GCM."""
    if not password:
        raise KeyFileError("密码不能为空")
    t, m, p = _cost or (_ARGON_T, _ARGON_M, _ARGON_P)
    salt, nonce = os.urandom(_SALT), os.urandom(_NONCE)
    head = _PROTECT_HEAD.pack(_PROTECT_MAGIC, _PROTECT_VERSION, t, m, p) + salt + nonce
    return head + AESGCM(_derive(password, salt, t, m, p)).encrypt(nonce, bytes(private_bytes), head)


def unprotect(blob: bytes, password: str) -> bytes:
    """The private key bytes, or WrongPassword("密码不正确"), or KeyFileError for a damaged blob."""
    blob = bytes(blob)
    head_len = _PROTECT_HEAD.size + _SALT + _NONCE
    if len(blob) < head_len + 16 or not blob.startswith(_PROTECT_MAGIC):
        raise KeyFileError("私钥数据已损坏")
    _, version, t, m, p = _PROTECT_HEAD.unpack_from(blob)
    if version != _PROTECT_VERSION:
        raise KeyFileError(f"私钥数据的格式版本（{version}）不受支持")
    if not (1 <= t <= 20 and 8 * p <= m <= 1024 * 1024 and 1 <= p <= 16):
        raise KeyFileError("私钥数据已损坏")
    salt = blob[_PROTECT_HEAD.size:_PROTECT_HEAD.size + _SALT]
    nonce = blob[_PROTECT_HEAD.size + _SALT:head_len]
    try:
        return AESGCM(_derive(password or "", salt, t, m, p)).decrypt(nonce, blob[head_len:], blob[:head_len])
    except InvalidTag:
        raise WrongPassword() from None


# --- public key files -----------------------------------------------------------------------------------

PUBLIC_KEY_FORMAT = "xueji-public-key"
PUBLIC_KEY_VERSION = 1
_MAX_PUBLIC_KEY_FILE = 64 * 1024


@dataclass(frozen=True)
class PublicKeyFile:
    """What a 学籍公钥文件 says: who (kind, code, name) and their public keys."""

    kind: str  # "school" | "bureau"
    code: str
    name: str
    signing_public: bytes
    encryption_public: bytes | None = None  # the bureau's, and a school's made since replies exist

    @property
    def fingerprint(self) -> str:
        """The fingerprint to compare with the letter / 密钥登记表: over both public keys."""
        return fingerprint(self._letter_bytes)

    @property
    def _letter_bytes(self) -> bytes:
        return (self.encryption_public or b"") + self.signing_public

    @property
    def signing_fingerprint(self) -> str:
        return fingerprint(self.signing_public)

    @property
    def encryption_fingerprint(self) -> str | None:
        return fingerprint(self.encryption_public) if self.encryption_public else None


def school_public_key_file(keys: SchoolKeys, *, code: str, name: str) -> PublicKeyFile:
    return PublicKeyFile("school", code, name, keys.signing_public, keys.encryption_public)


def bureau_public_key_file(keys: BureauKeys, *, code: str, name: str) -> PublicKeyFile:
    return PublicKeyFile("bureau", code, name, keys.signing_public, keys.encryption_public)


def public_key_file_bytes(info: PublicKeyFile) -> bytes:
    """The file's text: UTF-8 JSON, sorted keys, indented so it can be read and printed."""
    if info.kind not in ("school", "bureau"):
        raise ValueError(f"unknown kind {info.kind!r}")
    if info.kind == "bureau" and not info.encryption_public:
        raise ValueError("a bureau key file needs the encryption key")
    doc = {
        "format": PUBLIC_KEY_FORMAT,
        "version": PUBLIC_KEY_VERSION,
        "kind": info.kind,
        "code": info.code,
        "name": info.name,
        "signing_key": base64.b64encode(info.signing_public).decode("ascii"),
        "signing_fingerprint": info.signing_fingerprint,
        "fingerprint": info.fingerprint,
    }
    if info.encryption_public:
        doc["encryption_key"] = base64.b64encode(info.encryption_public).decode("ascii")
        doc["encryption_fingerprint"] = info.encryption_fingerprint
    return (json.dumps(doc, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")


def _key_field(doc: dict, field: str, loader) -> bytes:
    value = doc.get(field)
    if not isinstance(value, str):
        raise KeyFileError(f"公钥文件缺少“{field}”")
    try:
        raw = base64.b64decode(value.encode("ascii"), validate=True)
        loader(raw)
    except (ValueError, UnicodeEncodeError):
        raise KeyFileError(f"公钥文件中的“{field}”已损坏") from None
    if len(raw) != 32:
        raise KeyFileError(f"公钥文件中的“{field}”已损坏")
    return raw


def parse_public_key_file(data: bytes) -> PublicKeyFile:
    """Read a 学籍公钥文件's bytes; refuse a bad file with KeyFileError and a Chinese message."""
    if len(data) > _MAX_PUBLIC_KEY_FILE:
        raise KeyFileError("不是学籍公钥文件（文件过大）")
    try:
        doc = json.loads(bytes(data).decode("utf-8-sig"))
    except (ValueError, RecursionError):
        raise KeyFileError("不是学籍公钥文件（无法读取）") from None
    if not isinstance(doc, dict) or doc.get("format") != PUBLIC_KEY_FORMAT:
        raise KeyFileError("不是学籍公钥文件")
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise KeyFileError("公钥文件已损坏（版本号无效）")
    if version > PUBLIC_KEY_VERSION:
        raise KeyFileError(f"公钥文件的格式版本（{version}）过新，请先升级学籍桌面")
    kind = doc.get("kind")
    if kind not in ("school", "bureau"):
        raise KeyFileError("公钥文件已损坏（不知道是学校还是教育局的公钥）")
    code, name = doc.get("code"), doc.get("name")
    if not isinstance(code, str) or not code.strip():
        raise KeyFileError("公钥文件缺少单位代码")
    if not isinstance(name, str):
        raise KeyFileError("公钥文件缺少单位名称")
    signing = _key_field(doc, "signing_key", Ed25519PublicKey.from_public_bytes)
    has_encryption = kind == "bureau" or "encryption_key" in doc  # an old school file has none
    encryption = _key_field(doc, "encryption_key", X25519PublicKey.from_public_bytes) if has_encryption else None
    info = PublicKeyFile(kind, code, name, signing, encryption)
    claimed = [("fingerprint", info.fingerprint), ("signing_fingerprint", info.signing_fingerprint)]
    if encryption is not None:
        claimed.append(("encryption_fingerprint", info.encryption_fingerprint))
    for field, actual in claimed:
        if not isinstance(doc.get(field), str) or normalize_fingerprint(doc[field]) != normalize_fingerprint(actual):
            raise KeyFileError("公钥文件已损坏（指纹与公钥不符）")
    return info


def write_public_key_file(path: str | os.PathLike, info: PublicKeyFile) -> Path:
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        fh.write(public_key_file_bytes(info))
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    return path


def read_public_key_file(path: str | os.PathLike) -> PublicKeyFile:
    try:
        with open(path, "rb") as fh:
            data = fh.read(_MAX_PUBLIC_KEY_FILE + 1)
    except FileNotFoundError:
        raise KeyFileError(f"找不到公钥文件：{path}") from None
    except OSError as exc:
        raise KeyFileError(f"无法读取公钥文件：{exc.strerror or exc}") from None
    return parse_public_key_file(data)
