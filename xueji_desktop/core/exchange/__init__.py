"""Exchange with the county bureau: keys and the batch file format. Pure functions over bytes.

The services that read the database, write to the stick and import batches live elsewhere and use these.

May import: accounts, admission, casework, dates, duplicate_checks, pupils, rules, school, transfers, store, durable.
"""

from .batch_format import (
    DEFAULT_SUITE,
    FORMAT_VERSION,
    SUITES,
    BatchError,
    CipherSuite,
    Header,
    Opened,
    batch_hash,
    check_numbering,
    open_batch,
    read_header,
    register_suite,
    seal,
)
from .keys import (
    BureauKeys,
    KeyFileError,
    PublicKeyFile,
    SchoolKeys,
    WrongPassword,
    bureau_public_key_file,
    fingerprint,
    parse_public_key_file,
    protect,
    public_key_file_bytes,
    read_public_key_file,
    same_fingerprint,
    school_public_key_file,
    unprotect,
    write_public_key_file,
)

__all__ = [
    "DEFAULT_SUITE", "FORMAT_VERSION", "SUITES", "BatchError", "CipherSuite", "Header", "Opened", "batch_hash",
    "check_numbering", "open_batch", "read_header", "register_suite", "seal",
    "BureauKeys", "KeyFileError", "PublicKeyFile", "SchoolKeys", "WrongPassword", "bureau_public_key_file",
    "fingerprint", "parse_public_key_file", "protect", "public_key_file_bytes", "read_public_key_file",
    "same_fingerprint", "school_public_key_file", "unprotect", "write_public_key_file",
]
