"""core/runner.py as the tests and `make build` use it: a command in a
child of the Runner behaves as `python -m` in a new interpreter (folder,
environment, sys.path, arguments, output, exit status), and may start its
own process pools."""

import os
import subprocess
import sys

import pytest

import fresh_process

# Each module, run both ways; what they say and their exit status must be the same.
MODULES = {
    "says_where": "import os, sys\nprint(sys.argv[1:], os.getcwd(), os.environ['MOT'], sys.path[0], __name__)\n",
    "exits_with_a_code": "raise SystemExit(3)\n",
    "exits_with_a_text": "raise SystemExit('La construction du site a échoué : 1 problème à corriger.')\n",
    "exits_quietly": "import sys\nprint('fin')\nsys.exit()\n",
    "fails": "raise ValueError('une erreur')\n",
    "uses_a_pool": "from concurrent.futures import ProcessPoolExecutor\n\nif __name__ == '__main__':\n"
                   "    with ProcessPoolExecutor(2) as pool:\n        print(sum(pool.map(abs, [-1, -2])))\n",
    "waits_for_its_thread": "import threading, time\n\n"
                            "threading.Thread(target=lambda: (time.sleep(0.2), print('après'))).start()\nprint('avant')\n",
}


@pytest.mark.parametrize("module", MODULES)
def test_a_command_in_the_runner_is_a_new_interpreter(tmp_path, module):
    (tmp_path / f"{module}.py").write_text(MODULES[module], encoding="utf-8")
    env = {**os.environ, "MOT": "été"}
    expected = subprocess.run([sys.executable, "-m", module, "un", "deux"], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=60)
    result = fresh_process.run(module, ["un", "deux"], tmp_path, env, timeout=60)
    assert (result.returncode, result.stdout) == (expected.returncode, expected.stdout)
    # A traceback's frames differ (runpy's), not its last line.
    assert result.stderr.splitlines()[-1:] == expected.stderr.splitlines()[-1:]
    assert ("Traceback" in result.stderr) == ("Traceback" in expected.stderr)


def test_a_command_that_takes_too_long_is_killed_and_the_next_one_runs(tmp_path):
    (tmp_path / "sleeps.py").write_text("import time\nprint('début', flush=True)\ntime.sleep(60)\n", encoding="utf-8")
    with pytest.raises(subprocess.TimeoutExpired) as expired:
        fresh_process.run("sleeps", [], tmp_path, dict(os.environ), timeout=2)
    assert expired.value.output == "début\n"
    (tmp_path / "says.py").write_text("print('encore')\n", encoding="utf-8")
    assert fresh_process.run("says", [], tmp_path, dict(os.environ), timeout=60).stdout == "encore\n"
