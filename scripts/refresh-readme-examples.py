#!/usr/bin/env python3
"""Rewrites the output of every `$ mercato ...` line in README.md's console
blocks with what the binary prints on a fresh copy of data/ (the check is
tests/readme.rs; this is the fix). Run from the project root after
`cargo build`."""
import os, re, shlex, shutil, subprocess, sys, tempfile

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
binary = os.path.join(root, "target", "debug", "mercato")
lines = open(os.path.join(root, "README.md"), encoding="utf-8").read().split("\n")
out, i, in_console = [], 0, False
while i < len(lines):
    line = lines[i]
    if line.startswith("```"):
        in_console = line.strip() == "```console"
        out.append(line); i += 1; continue
    if in_console and line.startswith("$ mercato "):
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copytree(os.path.join(root, "data"), os.path.join(tmp, "data"))
            env = {k: v for k, v in os.environ.items() if k not in ("MERCATO_DATA_DIR", "MERCATO_AS_OF")}
            env.update(MERCATO_CACHE_DIR=os.path.join(tmp, "cache"), NO_COLOR="1")
            run = subprocess.run([binary, "--data-dir", os.path.join(tmp, "data")] + shlex.split(line[2:])[1:],
                                 capture_output=True, text=True, env=env)
        out.append(line)
        out.extend(l.rstrip() for l in (run.stdout + run.stderr).rstrip("\n").split("\n"))
        i += 1
        while i < len(lines) and not lines[i].startswith("```") and not lines[i].startswith("$ "):
            i += 1
        if i < len(lines) and lines[i].startswith("$ "):
            out.append("")
        continue
    out.append(line); i += 1
open(os.path.join(root, "README.md"), "w", encoding="utf-8").write("\n".join(out))
