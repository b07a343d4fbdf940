"""The built-in data files in each kind of install: from a wheel, from an sdist and editable.

Each test builds from this checkout, installs into a fresh environment and runs the installed
command from a folder outside the checkout. Nothing is downloaded: builds use this environment's
hatchling (``--no-isolation``) and the new environment borrows this one's dependencies through a
``.pth`` file, so each test takes seconds.
"""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

from ..cli.test_e2e import environment
from ..conftest import REPO

pytestmark = pytest.mark.e2e

DATA_FILES = ("roles.toml", "uk-tax.toml", "roles.snapshot.json", "uk-tax.snapshot.json")
PACKAGE_DATA = REPO / "src" / "rolecompare" / "data"
SNAPSHOTS_SERVED = (
    "import sys\n"
    "from rolecompare.cli import main\n"
    "sys.argv = ['rolecompare', 'pay', '--role', 'pmo', '--tax-year', '2026-27']\n"
    "try:\n"
    "    main()\n"
    "except SystemExit:\n"
    "    pass\n"
    "print('PYDANTIC', 'pydantic' in sys.modules, file=sys.stderr)\n"
)
"""``pay`` with both built-in files, telling whether it needed pydantic (it must not: the
snapshots must ship, made from the files that ship)."""


@pytest.fixture(autouse=True)
def _builds_here() -> None:
    if not (REPO / "pyproject.toml").is_file():
        pytest.skip("needs the source checkout")
    pytest.importorskip("build")
    pytest.importorskip("hatchling")


def build(*what: str, outdir: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--no-isolation",
            *what,
            "--outdir",
            str(outdir),
            str(REPO),
        ],
        capture_output=True,
        check=True,
        timeout=300,
    )


def new_environment(where: Path) -> Path:
    """A fresh environment without pip, whose dependencies come from this one's site-packages
    (listed in a ``.pth`` file read after any other, so the install under test comes first)."""
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(where)], check=True, timeout=120
    )
    python = where / "bin" / "python"
    own = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout.strip()
    Path(own, "zz-borrowed-dependencies.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    return python


def pip_install(python: Path, *args: str) -> None:
    subprocess.run(
        [
            *(sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet"),
            *("--no-deps", "--no-index", "--no-build-isolation", *args),
        ],
        capture_output=True,
        check=True,
        timeout=300,
    )


def assert_runs_outside_the_checkout(python: Path, cwd: Path, data_folder: Path) -> None:
    """``show``, ``pay --role pmo`` and ``validate`` work with the built-in files, found in
    ``data_folder``, and the snapshots answer for both."""
    command = str(python.parent / "rolecompare")
    env = environment(cwd)

    def run(*args: str) -> str:
        done = subprocess.run(
            [command, "--width", "100", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=cwd,
            env=env,
            check=False,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "Project Manager" in run("show")
    assert "£66,172" in run("pay", "--role", "pmo", "--tax-year", "2026-27")
    report = json.loads(run("validate", "--format", "json"))
    assert (report["valid"], report["tax"]["valid"]) == (True, True)
    assert report["path"] == str(data_folder / "roles.toml")
    assert report["tax"]["path"] == str(data_folder / "uk-tax.toml")
    served = subprocess.run(
        [str(python), "-c", SNAPSHOTS_SERVED],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        check=True,
        timeout=60,
    )
    assert "PYDANTIC False" in served.stderr


def test_the_sdist_and_the_wheel_built_from_it_carry_real_data_files_and_run(
    tmp_path: Path,
) -> None:
    """The default build (an sdist, then a wheel from it): both hold the files themselves. The
    wheel is also what pip builds to install from the sdist, so installing it covers both."""
    dist = tmp_path / "dist"
    build(outdir=dist)
    [sdist] = dist.glob("*.tar.gz")
    [wheel] = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        for name in DATA_FILES:
            assert archive.read(f"rolecompare/data/{name}") == (PACKAGE_DATA / name).read_bytes()
        assert not [n for n in archive.namelist() if n.startswith("data/")]
    with tarfile.open(sdist) as archive:
        root = sdist.name.removesuffix(".tar.gz")
        for name in DATA_FILES:
            assert archive.getmember(f"{root}/src/rolecompare/data/{name}").isfile()
        for name in ("roles.toml", "uk-tax.toml"):
            link = archive.getmember(f"{root}/data/{name}")
            assert link.issym() and link.linkname == f"../src/rolecompare/data/{name}"
    python = new_environment(tmp_path / "env")
    pip_install(python, str(wheel))
    site = Path(
        subprocess.run(
            [str(python), "-c", "import rolecompare; print(rolecompare.__file__)"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
            cwd=tmp_path,
        ).stdout.strip()
    ).parent
    assert site.is_relative_to(tmp_path / "env")
    (tmp_path / "elsewhere").mkdir()
    assert_runs_outside_the_checkout(python, tmp_path / "elsewhere", site / "data")


def test_an_editable_install_reads_the_checkout(tmp_path: Path) -> None:
    python = new_environment(tmp_path / "env")
    pip_install(python, "--editable", str(REPO))
    assert not list((tmp_path / "env").glob("lib/python*/site-packages/rolecompare/data"))
    (tmp_path / "elsewhere").mkdir()
    assert_runs_outside_the_checkout(python, tmp_path / "elsewhere", PACKAGE_DATA)
