"""Encrypting backups: Fernet (AES-128-CBC with HMAC-SHA256, from `cryptography`) over 1 MiB chunks, so that a
large database streams through in constant memory. The key comes from LANTERN_BACKUP_KEY; a wrong key, or a file
changed after it was written, fails the HMAC of the first chunk it touches and nothing is restored.

File layout: MAGIC, then for each chunk a 4-byte big-endian length and that chunk's Fernet token. A last chunk of
zero plaintext bytes marks the end, so that a file cut short is told apart from a whole one.
"""

from __future__ import annotations

import os
import struct
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.management.base import CommandError

MAGIC = b"LANTERN-BACKUP-FERNET-1\n"
CHUNK = 1024 * 1024
KEY_VARIABLE = "LANTERN_BACKUP_KEY"


class KeyProblem(CommandError):
    """No key, a malformed key, or the wrong key: the message names the variable."""


def new_key() -> str:
    return Fernet.generate_key().decode()


def configured_fernet() -> Fernet:
    key = getattr(settings, "LANTERN_BACKUP_KEY", "") or ""
    if not key:
        raise KeyProblem(
            f"{KEY_VARIABLE} is not set: backups are encrypted. Make a key with `lantern backup --new-key`, keep it "
            "somewhere other than the backups, and set it in the environment"
        )
    try:
        return Fernet(key.encode())
    except (ValueError, TypeError):
        raise KeyProblem(f"{KEY_VARIABLE} is not a key made by `lantern backup --new-key` (32 bytes, base64)") from None


def is_encrypted(path: Path) -> bool:
    with Path(path).open("rb") as handle:
        return handle.read(len(MAGIC)) == MAGIC


def encrypt_file(source: Path, target: Path, fernet: Fernet) -> None:
    """Write `source` encrypted to `target` (created readable by its owner only)."""
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(descriptor, "wb") as out, Path(source).open("rb") as plain:
        out.write(MAGIC)
        while True:
            chunk = plain.read(CHUNK)
            token = fernet.encrypt(chunk)
            out.write(struct.pack(">I", len(token)))
            out.write(token)
            if not chunk:
                break
        out.flush()
        os.fsync(out.fileno())


def decrypt_file(source: Path, target: Path, fernet: Fernet) -> None:
    """Write `source` decrypted to `target` (owner-only), or KeyProblem if the key is wrong or the file damaged."""
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with open(descriptor, "wb") as out, Path(source).open("rb") as sealed:
        if sealed.read(len(MAGIC)) != MAGIC:
            raise KeyProblem(f"{source} is not an encrypted Lantern backup; nothing restored")
        while True:
            size = sealed.read(4)
            if len(size) < 4:
                raise KeyProblem(f"{source} ends early: the backup is incomplete; nothing restored")
            token = sealed.read(struct.unpack(">I", size)[0])
            try:
                chunk = fernet.decrypt(token)
            except InvalidToken:
                raise KeyProblem(
                    f"{source} could not be decrypted with {KEY_VARIABLE}: it is the wrong key for this backup (or "
                    "the file was changed); nothing restored"
                ) from None
            if not chunk:
                break
            out.write(chunk)
