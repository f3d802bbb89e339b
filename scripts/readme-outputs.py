#!/usr/bin/env python3
"""Rewrites the output under each `$ command` in README.md's console blocks by running the
command (with target/release first on the PATH), after a deliberate change to the model or
the command; tests/readme.rs then checks the README against the same commands. `make readme`."""
import os
import subprocess
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
env = dict(os.environ, PATH=os.path.join(root, "target", "release") + os.pathsep + os.environ.get("PATH", ""))
lines = open(os.path.join(root, "README.md"), encoding="utf-8").read().split("\n")
out, in_block, i = [], False, 0
while i < len(lines):
    line = lines[i]
    if line.startswith("```console"):
        in_block = True
    elif in_block and line.startswith("```"):
        in_block = False
    elif in_block and line.startswith("$ "):
        out.append(line)
        result = subprocess.run(["sh", "-c", line[2:]], cwd=root, env=env, capture_output=True, text=True)
        out.extend(result.stdout.rstrip("\n").split("\n") if result.stdout else [])
        i += 1
        while i < len(lines) and not lines[i].startswith("$ ") and not lines[i].startswith("```"):
            i += 1
        continue
    out.append(line)
    i += 1
open(os.path.join(root, "README.md"), "w", encoding="utf-8").write("\n".join(out))
print("README.md: console outputs rewritten", file=sys.stderr)
