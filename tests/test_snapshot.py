"""The built-in data's snapshot: current, equal to the checked file, and never used for another."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from rolecompare.core import loader, snapshot
from rolecompare.core.errors import DataError
from rolecompare.serialize import plain

from .conftest import REAL_DATA, Invoke


def test_the_committed_snapshot_is_made_from_the_current_data_file() -> None:
    made = snapshot.build(REAL_DATA)
    assert snapshot.path().read_text(encoding="utf-8") == made, (
        "data/roles.toml changed: run `python -m rolecompare.core.snapshot` and commit the result"
    )


def test_the_snapshot_reads_back_as_the_checked_file() -> None:
    served = snapshot.checked(REAL_DATA.read_bytes())
    checked, hygiene = loader.load_checked(REAL_DATA, recheck=True)
    assert served is not None
    assert served == checked
    assert plain(served) == plain(checked)
    assert hygiene == ()


def test_the_built_in_file_comes_from_the_snapshot(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    monkeypatch.setattr(loader, "_validate", calls.append)
    data, hygiene = loader.load_checked(REAL_DATA)
    assert calls == []
    assert data.roles["pmo"].rates.min > 0
    assert hygiene == ()


def test_recheck_validates_even_the_built_in_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(snapshot, "checked", lambda blob: pytest.fail("snapshot used"))
    assert loader.load_checked(REAL_DATA, recheck=True)[0].roles


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("min = 400", "min = 401"),  # a valid edit: the new figure is shown
        ("[roles.pmo]", "[roles.pmo]\nbogus = 1"),  # an invalid one: refused
    ],
)
def test_an_edited_copy_is_checked_not_served(tmp_path: Path, old: str, new: str) -> None:
    text = REAL_DATA.read_text(encoding="utf-8")
    assert old in text
    edited = tmp_path / "roles.toml"
    edited.write_text(text.replace(old, new, 1), encoding="utf-8")
    if "bogus" in new:
        with pytest.raises(DataError) as caught:
            loader.load(edited)
        assert any("bogus" in detail for detail in caught.value.details)
    else:
        assert 401 in {role.rates.min for role in loader.load(edited).roles.values()}


def test_an_exact_copy_elsewhere_is_served(tmp_path: Path) -> None:
    copy = tmp_path / "mine.toml"
    shutil.copyfile(REAL_DATA, copy)
    assert loader.load(copy) == loader.load(REAL_DATA)


def _snapshot_with(body: bytes, *, right_crc: bool = True) -> bytes:
    """A snapshot of the built-in file's fingerprint, over ``body``."""
    head = snapshot.fingerprint(REAL_DATA.read_bytes())
    head["snapshot_crc32"] = zlib.crc32(body) + (0 if right_crc else 1)
    return json.dumps(head).encode() + b"\n" + body


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"not json\n",
        b'{"bytes": 1}\n{}\n',
        b"[1, 2]\n",
        _snapshot_with(b"{not json"),
        _snapshot_with(b'{"$model": "NoSuchModel"}'),
        _snapshot_with(b"[" * 100_000 + b"]" * 100_000),  # too deep to read
        _snapshot_with(b'{"$model": "Dataset"}'),  # fields missing
        _snapshot_with(b"{}", right_crc=False),
    ],
)
def test_a_broken_snapshot_means_checking_the_file(tmp_path: Path, content: bytes) -> None:
    blob = REAL_DATA.read_bytes()
    broken = tmp_path / "roles.snapshot.json"
    broken.write_bytes(content)
    assert snapshot.checked(blob, broken) is None
    assert snapshot.checked(blob, tmp_path / "missing.json") is None


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_in_the_snapshot_place_is_not_read(tmp_path: Path, device: str) -> None:
    """A snapshot replaced by a link to an endless device must not hang a run."""
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    link = tmp_path / "roles.snapshot.json"
    link.symlink_to(device)
    assert snapshot.checked(REAL_DATA.read_bytes(), link) is None


def test_a_damaged_snapshot_is_not_read_as_data(tmp_path: Path) -> None:
    """A changed byte in the data part (a figure, a type) fails the snapshot's own CRC."""
    head, body = snapshot.path().read_bytes().split(b"\n", 1)
    assert b'"min": 400' in body
    damaged = tmp_path / "roles.snapshot.json"
    damaged.write_bytes(head + b"\n" + body.replace(b'"min": 400', b'"min": "x"', 1))
    assert snapshot.checked(REAL_DATA.read_bytes(), damaged) is None
    intact = tmp_path / "intact.json"
    intact.write_bytes(head + b"\n" + body)
    assert snapshot.checked(REAL_DATA.read_bytes(), intact) is not None


def test_validate_checks_the_file_itself(invoke: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(snapshot, "checked", lambda blob: pytest.fail("snapshot used"))
    result = invoke(["validate"])
    assert result.exit_code == 0, result.stderr


def test_the_snapshot_command_refuses_a_file_with_problems(tmp_path: Path) -> None:
    bad = tmp_path / "roles.toml"
    bad.write_text(REAL_DATA.read_text(encoding="utf-8").replace("min = 400", "min = -4", 1))
    with pytest.raises(DataError):
        snapshot.build(bad)


def test_showing_the_built_in_data_imports_no_validation_library() -> None:
    probe = (
        "import sys\n"
        "from rolecompare.core import loader\n"
        "data = loader.load(loader.builtin_data_path())\n"
        "print(len(data.roles), sorted(m for m in sys.modules if m.startswith('pydantic')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split(" ", 1) == ["2", "[]\n"], (
        "pydantic was imported: if data/roles.toml changed, run python -m rolecompare.core.snapshot"
    )


@pytest.mark.e2e
def test_the_installed_package_serves_its_data_from_the_snapshot(
    command: str, tmp_path: Path
) -> None:
    """A wheel must carry the snapshot, made from the roles.toml it carries."""
    python = Path(command).parent / "python"
    if not python.exists():
        pytest.skip("no python beside the installed rolecompare")
    probe = (
        "from rolecompare.core import loader, snapshot\n"
        "path = loader.builtin_data_path()\n"
        "print(snapshot.path().is_file(), snapshot.checked(path.read_bytes()) is not None)"
    )
    done = subprocess.run(
        [str(python), "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert done.stdout.split() == ["True", "True"]
