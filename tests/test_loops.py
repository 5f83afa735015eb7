"""The two test loops: `make test` runs every test; `make test-fast` leaves
out each marker of pytest.ini, which tests/conftest.py sets from what a
test's code calls (a build, Decap's serializer, a new interpreter)."""

import configparser
import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pelican import Pelican
from web_editor.layout import save_as_decap

import fresh_process
from conftest import ROOT, build_files, needs_of


def markers():
    config = configparser.ConfigParser()
    config.read(ROOT / "pytest.ini", encoding="utf-8")
    return [line.split(":")[0].strip() for line in config["pytest"]["markers"].splitlines() if line.strip()]


def make_command(target):
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return re.search(rf"^{target}:.*\n\t(.*)$", makefile, re.M).group(1)


def test_make_test_runs_every_test_and_make_test_fast_leaves_out_each_marker():
    assert "-m" not in make_command("test").split()
    selection = re.search(r'-m "(.*)"', make_command("test-fast")).group(1)
    assert selection.split(" and ") == [f"not {marker}" for marker in markers()]


# What a test's code may call, each with the marks it gives. They are found
# through SAMPLES: a test naming one of them would be marked by it.
def page_built(tmp_path):
    return build_files(tmp_path, {})


def through_a_helper(tmp_path):
    return page_built(tmp_path).returncode


def editors_command():
    return fresh_process.run("invoke", ["--list"], ROOT, {})


def built_in_this_process(settings):
    Pelican(settings).run()


def saved_by_decap(path):
    save_as_decap([path], path.parent)


def new_interpreter():
    return [sys.executable, "-c", "print()"]


def tool_beside_python():
    """actionlint lies beside the interpreter: no Python is started."""
    from pathlib import Path

    return [str(Path(sys.executable).parent / "actionlint")]


def plain(text):
    return text.upper()


@settings(max_examples=1)
@given(st.text())
def hypothesis_build(text):
    build_files(ROOT, {"pages/x.md": text})


def calls_itself(count):
    return calls_itself(count - 1) if count else plain("x")


SAMPLES = {
    "page_built": (page_built, {"site"}), "through_a_helper": (through_a_helper, {"site"}),
    "editors_command": (editors_command, {"site"}), "built_in_this_process": (built_in_this_process, {"site"}),
    "saved_by_decap": (saved_by_decap, {"node"}), "new_interpreter": (new_interpreter, {"python"}),
    "tool_beside_python": (tool_beside_python, set()), "plain": (plain, set()),
    "hypothesis_build": (hypothesis_build, {"site"}), "calls_itself": (calls_itself, set()),
}


@pytest.mark.parametrize("name", SAMPLES)
def test_a_test_is_marked_by_what_its_code_calls(name):
    function, needs = SAMPLES[name]
    assert needs_of(function) == needs


def test_the_marks_own_tests_need_none_of_them():
    """They call needs_of, which knows the builders without calling them."""
    assert needs_of(test_a_test_is_marked_by_what_its_code_calls) == set()
