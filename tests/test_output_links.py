"""`-o LINK --force`, LINK a link to a folder or to a device, replaced the link by a file of the output: a folder
and a device given themselves are never replaced, even with --force, and the message without --force told the
user to use it. A link is judged by what it links to now; a link to a file, or a dangling one, is replaced with
--force as before (docs/usage.md)."""

from __future__ import annotations

import os

import pytest

ARGS = ["compare", "gac-aion-ssb-300", "gac-aion-ssb-350"]


@pytest.mark.parametrize("to, what", [("folder", "a directory"), (os.devnull, "a device, pipe or socket")])
def test_a_link_to_a_folder_or_a_device_is_kept(run, tmp_path, to, what):
    if to == "folder":
        (tmp_path / "folder").mkdir()
        to = str(tmp_path / "folder")
    link = tmp_path / "out.txt"
    link.symlink_to(to)
    for force in ([], ["--force"]):
        out = run(*ARGS, "-o", str(link), *force)
        assert out.exit_code == 2 and f"is a link to {what}: not replacing it" in out.output, out.output
        assert link.is_symlink() and os.readlink(link) == to


@pytest.mark.parametrize("target", ["file", "dangling"])
def test_a_link_to_a_file_or_to_nothing_is_replaced_with_force(run, tmp_path, target):
    real = tmp_path / "real.txt"
    if target == "file":
        real.write_text("kept\n", encoding="utf-8")
    link = tmp_path / "out.txt"
    link.symlink_to(real)
    assert run(*ARGS, "-o", str(link)).exit_code == 2             # exists: kept without --force
    assert run(*ARGS, "-o", str(link), "--force").exit_code == 0
    assert not link.is_symlink() and link.read_text(encoding="utf-8") == run(*ARGS).stdout
    assert (real.read_text(encoding="utf-8") == "kept\n") if target == "file" else not real.exists()
