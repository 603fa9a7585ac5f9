#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Check that a man page and the CLI's help list the same commands.

    man_check.py OBJECT PAGE < HELP_TEXT
    man_check.py --commands OBJECT < HELP_TEXT   (prints the help's commands)

The help lists commands as "bpfctl OBJECT WORD" or "bpfctl OBJECT { A | B }";
the page documents each as "\\fBbpfctl OBJECT WORD" (a .TP tag in COMMANDS).
Prints what only one side has and exits 1 if they differ.
"""
import re
import sys


def help_commands(obj, text):
    cmds = set()
    for m in re.finditer(r"bpfctl %s (\{[^}]*\}|[a-z_]+)" % re.escape(obj), text):
        word = m.group(1)
        if word.startswith("{"):
            cmds.update(w.strip() for w in word.strip("{}").split("|"))
        else:
            cmds.add(word)
    return cmds


def page_commands(obj, page):
    return set(re.findall(r"\\fBbpfctl %s ([a-z_]+)" % re.escape(obj), page))


def main():
    if sys.argv[1] == "--commands":
        print("\n".join(sorted(help_commands(sys.argv[2], sys.stdin.read()))))
        return 0
    obj, path = sys.argv[1], sys.argv[2]
    in_help = help_commands(obj, sys.stdin.read())
    in_page = page_commands(obj, open(path).read())
    if not in_help:
        print(f"no commands of '{obj}' found in its help")
        return 1
    if in_help != in_page:
        print(f"{obj}: only in help: {sorted(in_help - in_page)}; "
              f"only in {path}: {sorted(in_page - in_help)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
