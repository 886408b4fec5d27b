"""Temporary files of :func:`batcalc.io.safefile.write_new`: a recognisable name with the writer's PID,
nothing left behind when SIGTERM or SIGHUP arrives between writing and renaming, and stale ones (of a
process killed by SIGKILL) removed by a later write to the same folder, never a live writer's."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from batcalc.io import safefile
from batcalc.io.safefile import TEMP_NAME, remove_stale_temp_files, write_new

ROOT = Path(__file__).resolve().parent.parent

posix = pytest.mark.skipif(os.name != "posix", reason="POSIX processes and signals")


def env() -> dict[str, str]:
    e = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    e.pop("BATCALC_DEBUG", None)
    return e


def dead_pid() -> int:
    """The PID of a process that has ended (and been reaped)."""
    p = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                       check=True)
    return int(p.stdout)


def test_the_temporary_file_names_batcalc_and_the_writer(tmp_path, monkeypatch):
    made = []
    mkstemp = tempfile.mkstemp

    def spy(*args, **kwargs):
        fd, name = mkstemp(*args, **kwargs)
        made.append(Path(name).name)
        return fd, name

    monkeypatch.setattr(safefile.tempfile, "mkstemp", spy)
    write_new(tmp_path / "out.csv", b"a,b\n")
    assert len(made) == 1
    assert made[0].startswith(f".out.csv.batcalc-{os.getpid()}-") and made[0].endswith(".tmp")
    assert TEMP_NAME.fullmatch(made[0])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv"]
    assert (tmp_path / "out.csv").read_bytes() == b"a,b\n"


#: Sends argv[1] to itself when write_new renames its temporary file (os.link, or os.replace with --force)
#: and waits there, then runs batcalc with the rest of argv through the console script's entry point.
PROBE = r"""
import os, signal, sys, time

signame = sys.argv[1]

def interrupting(original):
    def call(src, dst, *args, **kwargs):
        if str(src).endswith(".tmp"):
            os.kill(os.getpid(), getattr(signal, signame))
            time.sleep(30)
            sys.__stderr__.write("the signal did not stop batcalc\n")
        return original(src, dst, *args, **kwargs)
    return call

os.link, os.replace = interrupting(os.link), interrupting(os.replace)
from batcalc.cli.entry import main
main(sys.argv[2:])
"""


@posix
@pytest.mark.parametrize("signame,code", [("SIGTERM", 143), ("SIGHUP", 129), ("SIGINT", 130)])
@pytest.mark.parametrize("force", [False, True], ids=["new-file", "force"])
def test_a_signal_between_writing_and_renaming_leaves_nothing_behind(tmp_path, signame, code, force):
    out = tmp_path / "out.csv"
    if force:
        out.write_text("old\n")
    args = ["compare", "gac-aion-ssb-300", "gac-aion-ssb-350", "-f", "csv", "-o", str(out)] + (["--force"] * force)
    r = subprocess.run([sys.executable, "-c", PROBE, signame, *args], capture_output=True, text=True, env=env(),
                       cwd=tmp_path, timeout=120)
    assert r.returncode == code, r.stderr
    assert r.stderr.splitlines() == [f"batcalc: interrupted ({signame})"]
    assert sorted(p.name for p in tmp_path.iterdir()) == (["out.csv"] if force else [])
    if force:
        assert out.read_text() == "old\n"


@posix
def test_a_later_write_removes_stale_temporary_files_only(tmp_path):
    dead = dead_pid()
    live = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        stale = [f".out.csv.batcalc-{dead}-abcd_123.tmp", f".a\nb.csv.batcalc-{dead}-zzzzzzzz.tmp"]
        kept = [
            f".out.csv.batcalc-{os.getpid()}-abcd1234.tmp",     # this process: a concurrent write
            f".out.csv.batcalc-{live.pid}-abcd1234.tmp",        # another live writer
            f".out.csv.batcalc-{dead}-abc.tmp",                 # not the pattern: 3 random characters
            f"out.csv.batcalc-{dead}-abcd1234.tmp",             # no leading dot
            f".out.csv.batcalc-{dead}-abcd1234.tmp.bak",
            ".out.csv.batcalc-0-abcd1234.tmp",                 # no process 0
            f".out.csv.{dead}-abcd1234.tmp",
            ".out.csv.k3j4h5g6.tmp",                            # an older batcalc's temporary file
            "notes.txt",
        ]
        for name in stale + kept:
            (tmp_path / name).write_text("x")
        (tmp_path / f".dir.batcalc-{dead}-abcd1234.tmp").mkdir()       # a folder: never removed
        (tmp_path / f".link.batcalc-{dead}-abcd1234.tmp").symlink_to(tmp_path / "notes.txt")
        write_new(tmp_path / "new.csv", b"1\n")
        left = sorted(p.name for p in tmp_path.iterdir())
        assert left == sorted(kept + ["new.csv", f".dir.batcalc-{dead}-abcd1234.tmp",
                                      f".link.batcalc-{dead}-abcd1234.tmp"])
    finally:
        live.kill()
        live.wait()


@posix
def test_stale_files_of_other_folders_are_left_alone(tmp_path):
    dead = dead_pid()
    other = tmp_path / "other"
    other.mkdir()
    (other / f".x.batcalc-{dead}-abcd1234.tmp").write_text("x")
    write_new(tmp_path / "new.csv", b"1\n")
    assert [p.name for p in other.iterdir()] == [f".x.batcalc-{dead}-abcd1234.tmp"]
    assert remove_stale_temp_files(other) == [f".x.batcalc-{dead}-abcd1234.tmp"]
    assert remove_stale_temp_files(tmp_path / "missing") == []


WRITER = r"""
import sys
from batcalc.io.safefile import write_new
folder, me = sys.argv[1], sys.argv[2]
for i in range(40):
    write_new(f"{folder}/out-{me}.csv", f"{me} {i}\n".encode() * 1000, force=True)
    write_new(f"{folder}/shared.csv", f"{me} {i}\n".encode() * 1000, force=True)
"""


@posix
def test_concurrent_writers_to_one_folder_keep_working(tmp_path):
    """Each writer cleans stale files as it starts a write; none removes another's temporary file."""
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), str(n)], env=env(),
                              stderr=subprocess.PIPE, text=True) for n in range(6)]
    errors = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
    for p in procs:
        p.stderr.close()
    assert errors == [(0, "")] * 6
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([f"out-{n}.csv" for n in range(6)] + ["shared.csv"])
    assert (tmp_path / "out-3.csv").read_text() == "3 39\n" * 1000


def test_a_process_that_cannot_be_signalled_counts_as_alive(monkeypatch):
    def refuse(pid, sig):
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(safefile.os, "kill", refuse)
    assert safefile._alive(1)


@posix
def test_pid_checks_use_signal_zero(monkeypatch):
    sent = []
    monkeypatch.setattr(safefile.os, "kill", lambda pid, sig: sent.append((pid, sig)))
    assert safefile._alive(12345)
    assert sent == [(12345, 0)]
