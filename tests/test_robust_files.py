"""Files that are not what they seem: FIFOs, devices and symlinks read (or written) safely.

Reports: only regular files are read and the size limit counts the bytes read.
Outputs (``-o``): a regular file or a new path is replaced atomically with the
umask's permissions; a device or FIFO is written into, never replaced. Packs: a
symlink out of the pack folder is refused, messages quote at most one line, and
a YAML alias bomb is refused. The tests make their own FIFOs, device nodes and
symlinks and skip where the platform or the user's rights cannot.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.commands.cli import main
from checker.errors import ReadError
from checker.readers import load_bytes, read_path
from checker.render.output import output_file, write_text
from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "gov-report-2024.txt"
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file types")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def fifo(path: Path) -> Path:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    os.mkfifo(path)
    return path


def device(path: Path, major: int, minor: int) -> Path:
    """A character device node of our own (1,3 is null, 1,5 is zero on Linux), where permitted."""
    if not hasattr(os, "mknod") or not sys.platform.startswith("linux"):
        pytest.skip("device numbers are Linux's")
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(major, minor))
    except (PermissionError, OSError):
        pytest.skip("creating a device node is not permitted here")
    return path


def symlink(link: Path, target: Path) -> Path:
    try:
        link.symlink_to(target)
    except (OSError, NotImplementedError):
        pytest.skip("symlinks are not permitted here")
    return link


# ---------------------------------------------------------------- reading reports


@POSIX
def test_a_fifo_named_txt_is_refused_at_once_not_waited_on(tmp_path: Path) -> None:
    pipe = fifo(tmp_path / "管道.txt")
    with pytest.raises(ReadError, match="命名管道（FIFO），不是普通文件"):
        read_path(str(pipe))
    code, out, _ = run("check", "--format", "json", str(pipe), str(EXAMPLE))
    reports = json.loads(out)["reports"]
    assert code == 2
    assert "命名管道" in reports[0]["error"] and reports[1]["error"] is None


@POSIX
def test_a_symlink_to_dev_zero_is_refused_not_read_forever(tmp_path: Path) -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    link = symlink(tmp_path / "zero.txt", Path("/dev/zero"))
    with pytest.raises(ReadError, match="设备文件，不是普通文件"):
        read_path(str(link))


@POSIX
def test_a_device_node_of_our_own_is_refused(tmp_path: Path) -> None:
    node = device(tmp_path / "urandom.md", 1, 9)
    with pytest.raises(ReadError, match="设备文件"):
        read_path(str(node))


@POSIX
def test_the_audit_refuses_the_fifo_too(tmp_path: Path) -> None:
    pipe = fifo(tmp_path / "管道.txt")
    code, out, _ = run("audit", "--no-cache", "-j", "1", str(pipe), str(EXAMPLE))
    assert code == 2
    assert "命名管道" in out


def test_the_size_limit_counts_the_bytes_read_not_the_size_reported(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    report = tmp_path / "报告.txt"
    report.write_bytes(b"x" * 5000)
    real_fstat = os.fstat

    def small(fd: int) -> os.stat_result:  # what /proc files and growing files report
        info = list(real_fstat(fd))
        info[stat.ST_SIZE] = 0
        return os.stat_result(info)

    monkeypatch.setattr(os, "fstat", small)
    with pytest.raises(ReadError, match="文件过大（超过上限 1000 字节）"):
        load_bytes(str(report), 1000)
    assert load_bytes(str(report), 5000) == b"x" * 5000


# ---------------------------------------------------------------- writing outputs


def _report_json(path: Path) -> dict[str, object]:
    data: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("mask, mode", [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
@POSIX
def test_a_new_output_file_follows_the_umask(tmp_path: Path, mask: int, mode: int) -> None:
    old = os.umask(mask)
    try:
        code, _, _ = run("check", "--format", "json", "-o", str(tmp_path / "r.json"), str(EXAMPLE))
    finally:
        os.umask(old)
    assert code == 0
    assert stat.S_IMODE((tmp_path / "r.json").stat().st_mode) == mode
    assert _report_json(tmp_path / "r.json")["reports"]


@POSIX
def test_a_replaced_output_keeps_its_permissions_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    run("check", "--format", "json", "-o", str(target), str(EXAMPLE))
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert _report_json(target)["reports"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]


@POSIX
def test_an_output_symlink_stays_a_link_and_its_file_gets_the_result(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    link = symlink(tmp_path / "link.json", real)
    run("check", "--format", "json", "-o", str(link), str(EXAMPLE))
    assert link.is_symlink()
    assert _report_json(real)["reports"]


@POSIX
def test_output_into_dev_null_writes_into_it_and_leaves_it_a_device() -> None:
    null = Path(os.devnull)
    if not null.exists() or not os.access(null, os.W_OK):
        pytest.skip("no writable /dev/null")
    code, _, _ = run("check", "--format", "json", "-o", str(null), str(EXAMPLE))
    assert code == 0
    assert stat.S_ISCHR(null.stat().st_mode)


@POSIX
def test_output_into_a_device_node_of_our_own_is_never_renamed_over(tmp_path: Path) -> None:
    node = device(tmp_path / "null", 1, 3)
    try:
        write_text(node, "{}\n")
    except PermissionError:
        pytest.skip("writing to a device node is not permitted here")
    assert stat.S_ISCHR(node.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


@POSIX
def test_output_into_a_fifo_reaches_its_reader(tmp_path: Path) -> None:
    pipe = fifo(tmp_path / "out.json")
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()
    code, _, _ = run("check", "--format", "json", "-o", str(pipe), str(EXAMPLE))
    reader.join(30)
    assert code == 0
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert json.loads(received[0].decode("utf-8"))["reports"]


def test_output_dash_is_standard_output() -> None:
    code, out, _ = run("check", "--format", "json", "-o", "-", str(EXAMPLE))
    assert code == 0
    assert json.loads(out)["reports"][0]["error"] is None


def test_an_interrupted_write_leaves_the_old_file_and_no_temporary_one(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), output_file(target) as handle:
        handle.write("half")
        raise KeyboardInterrupt
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.json"]


@POSIX
def test_the_audit_exports_follow_the_umask_and_spare_devices(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        code, _, _ = run("audit", "--no-cache", "-j", "1", "--json", str(tmp_path / "a.json"),
                         "--csv", os.devnull, str(EXAMPLE))
    finally:
        os.umask(old)
    assert code == 0
    assert stat.S_IMODE((tmp_path / "a.json").stat().st_mode) == 0o644
    assert stat.S_ISCHR(Path(os.devnull).stat().st_mode)


# ---------------------------------------------------------------- packs

SECRET = "root:$6$SECRETHASH:19000:0:99999:7:::"


def user_pack(root: Path, rules: str = "") -> Path:
    folder = root / "pack"
    folder.mkdir()
    (folder / "pack.yaml").write_text("pack: mine\nname: 我的\nversion: '1'\nextends: fazhi-annual\n",
                                      encoding="utf-8")
    if rules:
        (folder / "mine.yaml").write_text(rules, encoding="utf-8")
    return folder


@POSIX
def test_a_pack_file_linking_out_of_the_pack_is_refused_unread(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text(f"{SECRET}\nsecond line\n", encoding="utf-8")
    pack = user_pack(tmp_path)
    symlink(pack / "rules.yaml", secret)
    code, out, err = run("rules", "validate", str(pack))
    assert code == 1
    assert "rules.yaml：是指向规则包目录之外的符号链接，不予读取" in out
    code, out, err = run("check", "--pack", str(pack), str(EXAMPLE))
    assert code == 2
    assert "符号链接" in err
    assert "SECRETHASH" not in out + err


@POSIX
def test_a_pack_file_linking_inside_the_pack_is_read(tmp_path: Path) -> None:
    pack = user_pack(tmp_path)
    (pack / "shared").mkdir()
    (pack / "shared" / "terms.txt").write_text(
        "rules:\n  - id: term.mine\n    name: 我的用语\n    kind: phrase\n    severity: warning\n"
        "    entries: [{match: '依法治县领导小组'}]\n    message: 旧名称\n    basis: 测试\n"
        "    examples: {fire: ['依法治县领导小组开会。'], pass: ['依法治县委员会开会。']}\n", encoding="utf-8")
    symlink(pack / "terms.yaml", Path("shared") / "terms.txt")
    code, out, _ = run("rules", "validate", str(pack))
    assert code == 0, out


def test_a_value_in_a_message_is_quoted_by_its_first_line_only(tmp_path: Path) -> None:
    pack = user_pack(tmp_path, "rules:\n  - id: term.x\n    name: 测试\n    kind: phrase\n"
                               f"    severity: \"{SECRET}\\nsecond secret line\\nthird\"\n"
                               "    entries: [{match: 'x'}]\n    message: m\n    basis: b\n"
                               "    examples: {fire: ['x'], pass: ['y']}\n")
    code, out, err = run("rules", "validate", str(pack))
    assert code == 1
    assert "取值 'root:$6$SECRETHASH:19000:0:99999:7:::…' 不在允许范围内" in out
    assert "second secret line" not in out + err
    code, out, err = run("check", "--pack", str(pack), str(EXAMPLE))
    assert code == 2 and "second secret line" not in out + err


BOMB = "\n".join(["lol0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
                 + [f"lol{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)])


def test_a_yaml_alias_bomb_in_a_pack_is_refused_quickly_with_exit_2(tmp_path: Path) -> None:
    pack = user_pack(tmp_path, BOMB + "\nrules: []\n")
    code, _, err = run("rules", "validate", str(pack))
    assert code == 2
    assert "别名（*引用）展开后超过 100000 个节点，疑似“别名炸弹”，已拒绝" in err
    code, _, err = run("check", "--no-cache", "--pack", str(pack), str(EXAMPLE))
    assert code == 2 and "别名炸弹" in err


def test_a_yaml_alias_bomb_in_a_config_file_is_refused(tmp_path: Path) -> None:
    report = tmp_path / "报告.txt"
    report.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / ".checker.yaml").write_text(BOMB + "\n", encoding="utf-8")
    code, _, err = run("check", str(report))
    assert code == 2 and "别名炸弹" in err


def test_a_self_referring_alias_is_refused(tmp_path: Path) -> None:
    pack = user_pack(tmp_path, "loop: &a [1, *a]\nrules: []\n")
    code, _, err = run("rules", "validate", str(pack))
    assert code == 2 and "引用了自身" in err


def test_modest_aliases_are_still_allowed(tmp_path: Path) -> None:
    pack = user_pack(tmp_path, "rules:\n  - id: term.mine\n    name: 我的用语\n    kind: phrase\n"
                               "    severity: warning\n    entries: &terms [{match: '依法治县领导小组'}]\n"
                               "    message: 旧名称\n    basis: &basis 测试\n"
                               "    examples: {fire: ['依法治县领导小组开会。'], pass: ['依法治县委员会开会。']}\n"
                               "  - id: term.mine2\n    name: 我的用语2\n    kind: phrase\n"
                               "    severity: info\n    entries: *terms\n    message: 旧名称\n"
                               "    basis: *basis\n"
                               "    examples: {fire: ['依法治县领导小组开会。'], pass: ['依法治县委员会开会。']}\n")
    code, out, err = run("rules", "validate", str(pack))
    assert code == 0, out + err
