"""Bad input and bad luck on the command line, tried as a new user would, through the real `xueji`
process: class numbers as people write them, no password and no terminal, a closed pipe, a fault of
the program. No traceback reaches the user; a fault is logged where the message says.

Nothing here depends on the day: `enrol --check` is read for whether the row was understood, not
for the rules of the day, and a write refused for want of a password is refused whatever the day."""

import json
import os
import re
import subprocess
import sys

import pytest

from tests.conftest import PASSWORD, make_school
from tests.test_cli import ROW
from xueji_desktop import crash_log
from xueji_desktop.cli import EXIT_BLOCKED, EXIT_INTERNAL, EXIT_USAGE
from xueji_desktop.core.national import template
from xueji_desktop.core.school.workspace import Workspace
from xueji_desktop.store.models import Event, Student


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "school.sqlite3"
    make_school(path).close()
    return path


@pytest.fixture
def log_dir(tmp_path):
    return tmp_path / "log"


def run(*args, log_dir, password=True, stdin=subprocess.DEVNULL, code=None):
    env = {k: v for k, v in os.environ.items() if k not in ("XUEJI_PASSWORD", "XUEJI_TODAY")}
    env[crash_log.LOG_DIR_ENV] = str(log_dir)
    if password:
        env["XUEJI_PASSWORD"] = PASSWORD
    command = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "xueji_desktop", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, stdin=stdin, timeout=60, check=False)


def pupil_file(tmp_path, **changes):
    path = tmp_path / "pupil.json"
    path.write_text(json.dumps({**ROW, **changes}, ensure_ascii=False), encoding="utf-8")
    return path


def events(db) -> int:
    ws = Workspace(db)
    try:
        return Event.select().count()
    finally:
        ws.close()


def assert_no_traceback(result):
    assert "Traceback" not in result.stderr and "File \"" not in result.stderr, result.stderr


# --- 1. 班级号 as a registrar writes it --------------------------------------------------------------

CLASS_FORMS = ["1", "01", "1班", "(1)班", "（1）班", "一年级(1)班", "一年级1班", "1年级1班", "一年级（１）班", " 1 班"]


@pytest.mark.parametrize("written", CLASS_FORMS)
def test_class_number_forms_are_read(written):
    seen = []
    draft = template.draft_from_row({**ROW, "班级号": written}, lambda grade, number: seen.append((grade, number)) or 7)
    assert seen == [(1, 1)] and draft.class_id == 7


def test_class_number_from_excel_and_grade_from_the_class():
    seen = []
    excel = template.draft_from_row({**ROW, "班级号": 2.0, "年级": 1.0, "邮政编码": 115005.0, "联系电话": 13904171234.0},
                                    lambda g, n: seen.append((g, n)) or 1)
    assert (excel.student["postcode"], excel.student["phone"]) == ("115005", "13904171234")
    draft = template.draft_from_row({**{k: v for k, v in ROW.items() if k != "年级"}, "班级号": "三年级(2)班"},
                                    lambda g, n: seen.append((g, n)) or 1)
    assert seen == [(1, 2), (3, 2)] and draft.grade == 3


@pytest.mark.parametrize("written, expected", [
    ("二年级(1)班", "班级号：“二年级(1)班” 是二年级的班，而年级填的是一年级"),
    ("X", "班级号：“X” 无法识别，请填写班号，如 1 或 一年级(1)班"),
    ("1-1", "班级号：“1-1” 无法识别"),
    ("0", "班级号：“0” 无法识别"),
])
def test_unreadable_class_number_names_the_field(written, expected):
    with pytest.raises(template.TemplateError, match=re.escape(expected)):
        template.draft_from_row({**ROW, "班级号": written}, lambda g, n: 1)


@pytest.mark.parametrize("column, value, expected", [
    ("年级", "十三", "年级：“十三” 无法识别"),
    ("入学日期", "九月一日", "入学日期：“九月一日” 无法识别，请写成 2026-09-01 或 20260901"),
    ("身份已核验", "也许", "身份已核验：“也许” 无法识别，请填写 是 或 否"),
    ("新生注册", "x", "新生注册：“x” 无法识别，请填写 是 或 否"),
])
def test_other_unreadable_columns_name_the_field(column, value, expected):
    with pytest.raises(template.TemplateError, match=re.escape(expected)):
        template.draft_from_row({**ROW, column: value}, lambda g, n: 1)


@pytest.mark.parametrize("written", ["一年级(1)班", "（1）班", "1年级1班", "01"])
def test_enrol_check_accepts_the_class_as_the_pupil_list_prints_it(db, tmp_path, log_dir, written):
    result = run("--db", str(db), "enrol", "--check", "--from", str(pupil_file(tmp_path, 班级号=written)),
                 log_dir=log_dir)
    assert result.returncode != EXIT_USAGE, result.stderr  # the row was read; the day's rules may still speak
    assert "班级号" not in result.stderr and "invalid literal" not in result.stderr
    assert_no_traceback(result)


@pytest.mark.parametrize("written, expected", [
    ("二年级(1)班", "班级号：“二年级(1)班” 是二年级的班，而年级填的是一年级，请核对"),
    ("一年级(9)班", "班级号：本校没有一年级(9)班"),
    ("甲", "班级号：“甲” 无法识别，请填写班号，如 1 或 一年级(1)班"),
])
def test_enrol_refuses_an_unreadable_class_in_chinese(db, tmp_path, log_dir, written, expected):
    before = events(db)
    result = run("--db", str(db), "enrol", "--from", str(pupil_file(tmp_path, 班级号=written)), log_dir=log_dir)
    assert result.returncode == EXIT_USAGE
    assert expected in result.stderr
    assert_no_traceback(result)
    assert events(db) == before


def test_enrol_refuses_a_broken_file_in_chinese(db, tmp_path, log_dir):
    broken = tmp_path / "broken.json"
    broken.write_text('{"姓名": "张三",', encoding="utf-8")
    result = run("--db", str(db), "enrol", "--from", str(broken), log_dir=log_dir)
    assert result.returncode == EXIT_USAGE and "不是有效的 JSON，第 1 行" in result.stderr
    missing = run("--db", str(db), "enrol", "--from", str(tmp_path / "nowhere.json"), log_dir=log_dir)
    assert missing.returncode == EXIT_USAGE and "找不到文件" in missing.stderr
    for each in (result, missing):
        assert_no_traceback(each)


def test_a_number_option_is_refused_in_chinese(tmp_path, log_dir):
    result = run("--db", str(tmp_path / "demo.sqlite3"), "demo", "--pupils", "六百", log_dir=log_dir)
    assert result.returncode == 2 and "--pupils: “六百” 不是整数" in result.stderr
    assert not (tmp_path / "demo.sqlite3").exists()


# --- 2. a write with no password and no terminal ------------------------------------------------------

def test_enrol_without_password_or_terminal_stops_before_writing(db, tmp_path, log_dir):
    before = events(db)
    result = run("--db", str(db), "enrol", "--from", str(pupil_file(tmp_path)), log_dir=log_dir, password=False)
    assert result.returncode == EXIT_BLOCKED
    assert "需要密码" in result.stderr and "XUEJI_PASSWORD" in result.stderr and "终端" in result.stderr
    assert "EOFError" not in result.stderr
    assert_no_traceback(result)
    assert events(db) == before
    ws = Workspace(db)
    assert Student.select().count() == 0
    ws.close()


@pytest.mark.parametrize("command", [["export", "--to", "{tmp}"], ["keys", "create", "--replace"],
                                     ["import-reply", "{tmp}"]])
def test_school_exchange_commands_without_password_stop(db, tmp_path, log_dir, command):
    before = events(db)
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    result = run("--db", str(db), *args, log_dir=log_dir, password=False)
    assert result.returncode == EXIT_BLOCKED, result.stderr
    assert "需要密码" in result.stderr
    assert_no_traceback(result)
    assert events(db) == before


def test_keys_trust_without_fingerprint_or_terminal_says_how(db, tmp_path, log_dir):
    result = run("--db", str(db), "keys", "trust-bureau", "--key", str(tmp_path / "bureau.pub"), log_dir=log_dir)
    assert result.returncode == EXIT_BLOCKED and "--fingerprint" in result.stderr
    assert_no_traceback(result)


@pytest.mark.parametrize("command", [["import", "{tmp}"], ["reply", "--school", "2108110001", "--to", "{tmp}"],
                                     ["init", "--name", "测试县教育局", "--county", "210811"]])
def test_bureau_commands_without_password_stop_before_opening_anything(tmp_path, log_dir, command):
    store = tmp_path / "bureau.sqlite3"
    args = [a.replace("{tmp}", str(tmp_path)) for a in command]
    result = run("bureau", *args, "--db", str(store), log_dir=log_dir, password=False)
    assert result.returncode == EXIT_BLOCKED, result.stderr
    assert "需要密码" in result.stderr
    assert_no_traceback(result)
    assert not store.exists()


# --- 3. a reader that closes the pipe early (`xueji list | head`) -------------------------------------

def test_list_into_a_closed_pipe_ends_quietly(db, log_dir):
    env = {"XUEJI_PASSWORD": PASSWORD, **os.environ, crash_log.LOG_DIR_ENV: str(log_dir)}
    process = subprocess.Popen([sys.executable, "-m", "xueji_desktop", "--db", str(db), "list"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env)
    process.stdout.close()  # the reader is gone before the first line is written
    _, err = process.communicate(timeout=60)
    err = err.decode("utf-8", "replace")
    assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err, err
    assert process.returncode in (0, 1)
    assert not log_dir.exists()  # not a fault of the program: nothing logged


def test_list_into_head(db, log_dir):
    env = {"XUEJI_PASSWORD": PASSWORD, **os.environ, crash_log.LOG_DIR_ENV: str(log_dir)}
    line = f"{sys.executable!s} -m xueji_desktop --db '{db}' list | head -c 0"
    result = subprocess.run(["sh", "-c", line], capture_output=True, text=True, env=env, timeout=60, check=False)
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr, result.stderr


# --- 4. a fault of the program: a message, a log, no traceback ----------------------------------------

INJECT = """
import sys
import xueji_desktop.core.pupils.roster as roster

def broken(*args):
    raise RuntimeError("注入的故障")

roster.roster_rows = broken
from xueji_desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_fault_is_logged_and_explained_without_a_traceback(db, log_dir):
    result = run("--db", str(db), "list", log_dir=log_dir, code=INJECT)
    assert result.returncode == EXIT_INTERNAL
    assert "Traceback" not in result.stderr and "File \"" not in result.stderr
    log_file = log_dir / crash_log.LOG_NAME
    assert "命令“xueji list”未能完成" in result.stderr
    assert "没有留下写了一半的数据" in result.stderr
    assert f"日志文件：{log_file}" in result.stderr
    logged = log_file.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in logged and "RuntimeError: 注入的故障" in logged
    assert "in broken" in logged


def test_an_unreadable_database_is_a_logged_fault(tmp_path, log_dir):
    folder = tmp_path / "not-a-file"
    folder.mkdir()
    result = run("--db", str(folder), "list", log_dir=log_dir)
    assert result.returncode == EXIT_INTERNAL
    assert "Traceback" not in result.stderr and "日志文件" in result.stderr
    assert "Traceback" in (log_dir / crash_log.LOG_NAME).read_text(encoding="utf-8")


def test_expected_refusals_keep_their_messages(db, log_dir):
    result = run("--db", str(db), "form", "student-info", "--student", "G000", "--out", "x.pdf", log_dir=log_dir)
    assert result.returncode == 1 and "没有学籍号为 G000 的学生" in result.stderr
    assert not log_dir.exists()


def test_help_documents_exit_codes_and_the_log(log_dir):
    result = run("--help", log_dir=log_dir)
    assert "70" in result.stdout and "程序内部错误" in result.stdout
    assert str(log_dir / crash_log.LOG_NAME) in result.stdout


def test_crash_log_imports_without_qt():
    code = ("import sys\n"
            "class Block:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name.split('.')[0] in ('PySide6', 'shiboken6'):\n"
            "            raise ImportError(name)\n"
            "sys.meta_path.insert(0, Block())\n"
            "import xueji_desktop.crash_log, xueji_desktop.cli\n")
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, check=False).returncode == 0


def test_log_rotates_daily_and_keeps_weeks(tmp_path):
    path = crash_log.install(tmp_path)
    try:
        handler = crash_log._handler
        assert path == tmp_path / crash_log.LOG_NAME and not path.exists()  # made on the first record only
        assert handler.when == "MIDNIGHT" and handler.backupCount >= 21
        try:
            raise ValueError("x")
        except ValueError as e:
            assert crash_log.record("测试", e) == path
        assert "ValueError: x" in path.read_text(encoding="utf-8")
    finally:
        crash_log.uninstall()
