"""A backup sealed with a passphrase, for a USB stick: scrypt + AES-256-GCM in chunks, authenticated end to
end, so a wrong passphrase, an edited byte or a file cut short (a stick pulled out) is refused.

Layout (all integers big-endian):

    magic     8 bytes  b"XJBKENC1"
    n_log2    1 byte   scrypt N = 2**n_log2 (r = 8, p = 1)
    chunk     4 bytes  plaintext bytes per chunk (every chunk but the last is full)
    salt     16 bytes
    prefix    7 bytes  nonce prefix, random per file
    check    32 bytes  the second half of scrypt's 64-byte output: tells a wrong passphrase apart
    then the chunks: AES-GCM(key = first 32 bytes of scrypt's output,
                             nonce = prefix + counter (4 bytes) + final flag (1 byte),
                             associated data = the 68-byte header) — ciphertext + 16-byte tag each.

The last chunk is sealed with the final flag 1 and every other with 0 (the STREAM construction), so a file
cut at a chunk boundary fails as surely as one cut inside a chunk. The plaintext is the checked SQLite
backup file. Nothing of the project is imported here.
"""

from __future__ import annotations

import hmac
import os
import struct
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"XJBKENC1"
HEADER = struct.Struct(">8sBI16s7s32s")
CHUNK = 1 << 20
N_LOG2 = 15  # 32 MiB of memory, about 0.1 s on an office PC
TAG = 16
SUFFIX = ".xjenc"


class SealError(Exception):
    """The sealed file cannot be opened: `message` in Chinese; `reason` passphrase | damaged | format."""

    def __init__(self, message: str, reason: str):
        super().__init__(message)
        self.message = message
        self.reason = reason


def _derive(passphrase: str, salt: bytes, n_log2: int) -> tuple[bytes, bytes]:
    out = Scrypt(salt=salt, length=64, n=1 << n_log2, r=8, p=1).derive(passphrase.encode("utf-8"))
    return out[:32], out[32:]


def _nonce(prefix: bytes, counter: int, final: bool) -> bytes:
    return prefix + struct.pack(">IB", counter, 1 if final else 0)


def seal(source: BinaryIO, size: int, out: BinaryIO, passphrase: str,
         progress: Callable[[int], None] | None = None, n_log2: int = N_LOG2, chunk: int = CHUNK) -> None:
    """Reads `size` bytes from `source` and writes the sealed file to `out`."""
    if not passphrase:
        raise SealError("请填写密码", "passphrase")
    salt, prefix = os.urandom(16), os.urandom(7)
    key, check = _derive(passphrase, salt, n_log2)
    header = HEADER.pack(MAGIC, n_log2, chunk, salt, prefix, check)
    out.write(header)
    aes = AESGCM(key)
    done, counter = 0, 0
    while True:
        block = source.read(min(chunk, size - done))
        done += len(block)
        final = done >= size or not block
        out.write(aes.encrypt(_nonce(prefix, counter, final), block, header))
        counter += 1
        if progress:
            progress(done)
        if final:
            return


def read_header(data: bytes) -> tuple[int, int, bytes, bytes, bytes]:
    if len(data) < HEADER.size or data[:8] != MAGIC:
        raise SealError("不是学籍桌面的加密备份文件", "format")
    _, n_log2, chunk, salt, prefix, check = HEADER.unpack(data[:HEADER.size])
    if not 10 <= n_log2 <= 22 or not 1024 <= chunk <= 64 << 20:
        raise SealError("加密备份文件的文件头已损坏", "damaged")
    return n_log2, chunk, salt, prefix, check


def unseal(path: str | Path, passphrase: str, progress: Callable[[int, int], None] | None = None
           ) -> Iterator[bytes]:
    """The plaintext of a sealed file, chunk by chunk, each authenticated before it is given out; raises
    SealError on a wrong passphrase, a damaged or a truncated file. A caller writing the plaintext must
    discard what it wrote unless the iteration ran to its end."""
    path = Path(path)
    total = path.stat().st_size
    with open(path, "rb") as f:
        header = f.read(HEADER.size)
        n_log2, chunk, salt, prefix, check = read_header(header)
        key, expected = _derive(passphrase, salt, n_log2)
        if not hmac.compare_digest(check, expected):
            raise SealError("密码不正确，无法打开这个加密备份", "passphrase")
        aes = AESGCM(key)
        position, counter = HEADER.size, 0
        damaged = SealError("加密备份文件不完整或已损坏（可能在写入时拔出了 U 盘），不能用于恢复", "damaged")
        while True:
            sealed = f.read(chunk + TAG)
            position += len(sealed)
            final = position >= total
            if len(sealed) < TAG:
                raise damaged
            try:
                plain = aes.decrypt(_nonce(prefix, counter, final), sealed, header)
            except InvalidTag:
                raise damaged from None
            counter += 1
            if progress:
                progress(position, total)
            yield plain
            if final:
                return


def verify(path: str | Path, passphrase: str, progress: Callable[[int, int], None] | None = None) -> int:
    """Authenticates the whole file; returns the plaintext size."""
    return sum(len(block) for block in unseal(path, passphrase, progress))
