"""The built-in files' snapshots: current, equal to the checked files, and never used for another."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import zlib
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from rolecompare.core import loader, make_snapshots, snapshot, taxdata
from rolecompare.core.errors import DataError
from rolecompare.core.loader import ROLES, DataFile
from rolecompare.core.models import plain
from rolecompare.core.taxdata import TAX

from ..conftest import REAL_DATA, REPO, Invoke

REAL_TAX = REPO / "data" / "uk-tax.toml"
KINDS = [pytest.param(ROLES, REAL_DATA, id="roles"), pytest.param(TAX, REAL_TAX, id="tax")]


@pytest.mark.parametrize(("kind", "source"), KINDS)
def test_the_committed_snapshot_is_made_from_the_current_data_file(
    kind: DataFile[Any], source: Path
) -> None:
    made = snapshot.build(source, kind)
    assert snapshot.path_of(kind).read_text(encoding="utf-8") == made, (
        f"{source.relative_to(REPO)} changed: run `python -m rolecompare.core.make_snapshots` and "
        "commit the result"
    )


@pytest.mark.parametrize(("kind", "source"), KINDS)
def test_the_snapshot_reads_back_as_the_checked_file(kind: DataFile[Any], source: Path) -> None:
    served = snapshot.checked(source.read_bytes(), kind)
    checked, hygiene = kind.load_checked(source, recheck=True)
    assert served is not None
    assert served == checked
    assert plain(served) == plain(checked)
    assert hygiene == ()


def test_the_snapshot_keeps_tax_figures_exact() -> None:
    served = snapshot.checked(REAL_TAX.read_bytes(), TAX)
    assert served is not None
    bands = served.years["2025-26"].dividends.bands
    assert [band.rate for band in bands] == [
        Decimal("0.0875"),
        Decimal("0.3375"),
        Decimal("0.3935"),
    ]
    assert isinstance(served.director_salary, Decimal)
    assert served.sources["hmrc-employers-2025-26"].published == dt.date(2025, 1, 31)


@pytest.mark.parametrize(("kind", "source"), KINDS)
def test_the_built_in_file_comes_from_the_snapshot(
    monkeypatch: pytest.MonkeyPatch, kind: DataFile[Any], source: Path
) -> None:
    calls: list[object] = []
    monkeypatch.setattr(DataFile, "validate", lambda self, raw: calls.append(raw))
    data, hygiene = kind.load_checked(source)
    assert calls == []
    assert isinstance(data, kind.model)
    assert hygiene == ()


def test_the_built_in_tax_figures_come_from_the_snapshot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(DataFile, "validate", lambda self, raw: pytest.fail("validated"))
    tax = taxdata.load_chosen(None)[0]
    assert tax.years["2026-27"].ct_main == Decimal("0.25")
    assert tax.path == TAX.builtin()


@pytest.mark.parametrize(("kind", "source"), KINDS)
def test_recheck_validates_even_the_built_in_file(
    monkeypatch: pytest.MonkeyPatch, kind: DataFile[Any], source: Path
) -> None:
    monkeypatch.setattr(snapshot, "checked", lambda blob, kind: pytest.fail("snapshot used"))
    assert kind.load_checked(source, recheck=True)[0]


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
    assert snapshot.checked(blob, ROLES, broken) is None
    assert snapshot.checked(blob, ROLES, tmp_path / "missing.json") is None


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_in_the_snapshot_place_is_not_read(tmp_path: Path, device: str) -> None:
    """A snapshot replaced by a link to an endless device must not hang a run."""
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    link = tmp_path / "roles.snapshot.json"
    link.symlink_to(device)
    assert snapshot.checked(REAL_DATA.read_bytes(), ROLES, link) is None


def test_a_damaged_snapshot_is_not_read_as_data(tmp_path: Path) -> None:
    """A changed byte in the data part (a figure, a type) fails the snapshot's own CRC."""
    head, body = snapshot.path_of(ROLES).read_bytes().split(b"\n", 1)
    assert b'"min": 400' in body
    damaged = tmp_path / "roles.snapshot.json"
    damaged.write_bytes(head + b"\n" + body.replace(b'"min": 400', b'"min": "x"', 1))
    assert snapshot.checked(REAL_DATA.read_bytes(), ROLES, damaged) is None
    intact = tmp_path / "intact.json"
    intact.write_bytes(head + b"\n" + body)
    assert snapshot.checked(REAL_DATA.read_bytes(), ROLES, intact) is not None


def test_a_snapshot_of_one_kind_is_never_served_as_another(tmp_path: Path) -> None:
    """Each kind reads its own snapshot, and only its own models come out of one."""
    tax_blob = REAL_TAX.read_bytes()
    assert snapshot.checked(tax_blob, ROLES) is None
    assert snapshot.checked(tax_blob, ROLES, snapshot.path_of(TAX)) is None


def test_validate_checks_the_files_themselves(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[str] = []
    real = DataFile.validate

    def validate(self: DataFile[Any], raw: dict[str, Any]) -> Any:
        checked.append(self.file_name)
        return real(self, raw)

    monkeypatch.setattr(snapshot, "checked", lambda blob, kind: pytest.fail("snapshot used"))
    monkeypatch.setattr(DataFile, "validate", validate)
    result = invoke(["validate"])
    assert result.exit_code == 0, result.stderr
    assert sorted(checked) == ["roles.toml", "uk-tax.toml"]


@pytest.mark.parametrize(
    ("kind", "source", "old", "new"),
    [
        pytest.param(ROLES, REAL_DATA, "min = 400", "min = -4", id="roles"),
        pytest.param(TAX, REAL_TAX, "employer_rate = 0.15", "employer_rate = 15", id="tax"),
    ],
)
def test_the_snapshot_command_refuses_a_file_with_problems(
    tmp_path: Path, kind: DataFile[Any], source: Path, old: str, new: str
) -> None:
    bad = tmp_path / source.name
    bad.write_text(source.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError):
        snapshot.build(bad, kind)


def test_the_snapshot_command_writes_both_snapshots(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``python -m rolecompare.core.make_snapshots`` regenerates every built-in file's snapshot."""
    monkeypatch.setattr(snapshot, "path_of", lambda kind: tmp_path / kind.snapshot_name)
    assert make_snapshots.main() == 0
    for kind in (ROLES, TAX):
        written = (tmp_path / kind.snapshot_name).read_text(encoding="utf-8")
        assert written == snapshot.build(kind.builtin(), kind)
    assert capsys.readouterr().out.count("Wrote ") == 2


def test_python_m_snapshot_regenerates_both(tmp_path: Path) -> None:
    """The documented command, run on a copy of the package without its snapshots, writes the
    two committed ones again."""
    import rolecompare

    copy = tmp_path / "rolecompare"
    shutil.copytree(
        Path(rolecompare.__file__).parent, copy, ignore=shutil.ignore_patterns("__pycache__")
    )
    for kind in (ROLES, TAX):
        (copy / "data" / kind.snapshot_name).unlink()
    done = subprocess.run(
        [sys.executable, "-m", "rolecompare.core.make_snapshots"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
    )
    assert done.returncode == 0, done.stderr
    for kind in (ROLES, TAX):
        made = copy / "data" / kind.snapshot_name
        assert made.read_bytes() == snapshot.path_of(kind).read_bytes()
    assert done.stdout.count("Wrote ") == 2


def test_showing_the_built_in_data_imports_no_validation_library() -> None:
    probe = (
        "import sys\n"
        "from rolecompare.core import loader, taxdata\n"
        "data = loader.load(loader.ROLES.builtin())\n"
        "tax = taxdata.load_chosen(None)[0]\n"
        "print(len(data.roles), len(tax.years), "
        "sorted(m for m in sys.modules if m.startswith(('pydantic', 'annotated_types'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split(" ", 2) == ["2", "2", "[]\n"], (
        "pydantic was imported: if data/roles.toml or data/uk-tax.toml changed, run "
        "python -m rolecompare.core.make_snapshots"
    )


@pytest.mark.e2e
def test_the_installed_package_serves_its_data_from_the_snapshot(
    command: str, tmp_path: Path
) -> None:
    """A wheel must carry the snapshots, made from the data files it carries."""
    python = Path(command).parent / "python"
    if not python.exists():
        pytest.skip("no python beside the installed rolecompare")
    probe = (
        "from rolecompare.core import loader, snapshot, taxdata\n"
        "for kind in (loader.ROLES, taxdata.TAX):\n"
        "    path = kind.builtin()\n"
        "    print(snapshot.path_of(kind).is_file(), "
        "snapshot.checked(path.read_bytes(), kind) is not None)"
    )
    done = subprocess.run(
        [str(python), "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        cwd=tmp_path,
    )
    assert done.stdout.split() == ["True", "True"] * 2
