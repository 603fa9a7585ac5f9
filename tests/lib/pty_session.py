#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Drive an interactive program on a pseudo-terminal, as a user would.

    pty_session.py SCRIPT -- COMMAND ARGS...

SCRIPT holds one step per line:
    send TEXT     write TEXT (Python escapes: \\t, \\n, \\x03 for Ctrl-C, \\x04 for Ctrl-D)
    expect REGEX  wait (up to 10 s) until the output since the last match matches
    sleep SECONDS pause (the program gets there)
    exit N        wait for the program to end with status N
Prints the whole transcript on failure and exits 1.
"""
import os
import pty
import re
import select
import sys
import time


def main():
    sep = sys.argv.index("--")
    steps = open(sys.argv[1]).read().splitlines()
    cmd = sys.argv[sep + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(cmd[0], cmd)
    out = b""
    pos = 0

    def fail(msg):
        sys.stderr.write(f"pty_session: {msg}\n--- transcript ---\n")
        sys.stderr.write(out.decode(errors="replace") + "\n")
        try:
            os.kill(pid, 9)
        except OSError:
            pass
        sys.exit(1)

    def read_some(timeout):
        nonlocal out
        r, _, _ = select.select([fd], [], [], timeout)
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                return False
            if not data:
                return False
            out += data
        return True

    for step in steps:
        if not step.strip() or step.startswith("#"):
            continue
        verb, _, arg = step.partition(" ")
        if verb == "send":
            os.write(fd, arg.encode().decode("unicode_escape").encode())
        elif verb == "expect":
            rx = re.compile(arg.encode(), re.S)
            deadline = time.time() + 10
            while True:
                m = rx.search(out, pos)
                if m:
                    pos = m.end()
                    break
                if time.time() > deadline or not read_some(0.2) and time.time() > deadline:
                    fail(f"timed out waiting for /{arg}/")
        elif verb == "sleep":
            deadline = time.time() + float(arg)
            while time.time() < deadline:
                read_some(0.05)
        elif verb == "exit":
            deadline = time.time() + 10
            while time.time() < deadline:
                read_some(0.1)
                done, status = os.waitpid(pid, os.WNOHANG)
                if done:
                    code = os.waitstatus_to_exitcode(status)
                    if code != int(arg):
                        fail(f"exit status {code}, expected {arg}")
                    break
            else:
                fail("the program did not exit")
        else:
            fail(f"bad step: {step}")
    sys.exit(0)


if __name__ == "__main__":
    main()
