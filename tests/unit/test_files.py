"""Files quiz writes are whole or absent: temporary name, sync, rename; always UTF-8."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from quiz.files import TEMP_PREFIX, atomic_text, write_text_atomic


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX))


def test_writes_utf8_whatever_the_locale(tmp_path: Path) -> None:
    target = tmp_path / "deck.yaml"
    code = textwrap.dedent(f"""
        from quiz.files import write_text_atomic
        write_text_atomic({str(target)!r}, "title: \\u00c7a va \\u2014 \\u6771\\u4eac\\n")
    """)
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii", "PYTHONUTF8": "0"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    assert target.read_bytes() == "title: Ça va — 東京\n".encode()
    assert leftovers(tmp_path) == []


def test_replaces_an_existing_file_keeping_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    write_text_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_new_file_gets_the_umask_permissions(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        write_text_atomic(tmp_path / "a.txt", "x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o640


def test_an_explicit_mode_is_exact(tmp_path: Path) -> None:
    write_text_atomic(tmp_path / "private", "secret", mode=0o600)
    assert stat.S_IMODE((tmp_path / "private").stat().st_mode) == 0o600


def test_a_failure_while_writing_leaves_the_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    target.write_text("[1, 2, 3]\n", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_text(target) as out:
        out.write("[")
        raise RuntimeError("the database went away")
    assert target.read_text(encoding="utf-8") == "[1, 2, 3]\n"
    assert leftovers(tmp_path) == []


def test_a_failure_before_the_first_write_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(ValueError), atomic_text(tmp_path / "never.txt"):
        raise ValueError
    assert list(tmp_path.iterdir()) == []


def test_exclusive_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "deck.yaml"
    target.write_text("mine\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_text_atomic(target, "theirs\n", exclusive=True)
    assert target.read_text(encoding="utf-8") == "mine\n"


def test_exclusive_loses_a_race_cleanly(tmp_path: Path) -> None:
    target = tmp_path / "deck.yaml"
    with pytest.raises(FileExistsError), atomic_text(target, exclusive=True) as out:
        out.write("theirs\n")
        target.write_text("appeared meanwhile\n", encoding="utf-8")
    assert target.read_text(encoding="utf-8") == "appeared meanwhile\n"
    assert leftovers(tmp_path) == []


def test_a_missing_folder_is_an_oserror(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_text_atomic(tmp_path / "no" / "such" / "file.txt", "x")


def test_killed_mid_write_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "big.csv"
    target.write_text("complete\n", encoding="utf-8")
    code = textwrap.dedent(f"""
        import os, signal
        from quiz.files import atomic_text
        with atomic_text({str(target)!r}) as out:
            out.write("half" * 100000)
            out.flush()
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    result = subprocess.run([sys.executable, "-c", code], check=False)
    assert result.returncode == -9
    assert target.read_text(encoding="utf-8") == "complete\n"


def test_a_symlink_keeps_pointing_at_the_file_it_names(tmp_path: Path) -> None:
    real = tmp_path / "real.yaml"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    write_text_atomic(link, "new\n")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new\n"
