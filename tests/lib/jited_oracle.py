#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Compare bpfctl's disassembly of a jited image with llvm-objdump's.

jited_oracle.py OURS IMAGE

OURS is the text of "bpfctl prog dump jited PROG opcodes" (functions, each
instruction with its bytes), IMAGE the raw image of the same program
("prog dump jited PROG file IMAGE"). The image is wrapped into an ELF
object (objcopy) and disassembled by llvm-objdump, the oracle. Every
instruction must start at the same offset of the image, with the same
bytes, mnemonic and operands. Branch and call targets are compared as
distances from the instruction: bpfctl prints them as kernel addresses
(the function's address from /proc/kallsyms; where programs of the same
tag and name are loaded more than once, the address under which the
function's branches agree), llvm-objdump from 0.
Prints the number of instructions compared; exits 1 on a difference.
"""
import os
import re
import subprocess
import sys
import tempfile

INSN = re.compile(r'^ *([0-9a-f]+):\t(\S+)(?:\t(.*))?$')
ORACLE = re.compile(r'^ *([0-9a-f]+):\s+(\S+)(?:\s+(.*?))?\s*$')
MASK = (1 << 64) - 1


def kallsyms():
    syms = {}
    with open('/proc/kallsyms') as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 3 and parts[2].startswith('bpf_prog_'):
                syms.setdefault(parts[2], []).append(int(parts[0], 16))
    return syms


def parse_ours(path):
    """[(function name, [(pc, mnemonic, operands, bytes)])]"""
    funcs = []
    lines = open(path).read().split('\n')
    i = 0
    while i < len(lines):
        line = lines[i]
        m = INSN.match(line)
        if m:
            raw = bytes.fromhex(lines[i + 1].strip())
            funcs[-1][1].append((int(m.group(1), 16), m.group(2), m.group(3) or '', raw))
            i += 2
            continue
        if line.endswith(':') and not line.startswith(';') and '(' not in line:
            funcs.append((line[:-1], []))
        i += 1
    return funcs


def oracle(image):
    with tempfile.TemporaryDirectory() as tmp:
        obj = os.path.join(tmp, 'image.o')
        subprocess.run(['objcopy', '-I', 'binary', '-O', 'elf64-x86-64', '-B', 'i386:x86-64',
                        '--rename-section', '.data=.text,contents,alloc,load,readonly,code',
                        image, obj], check=True)
        out = subprocess.run(['llvm-objdump', '-d', '--no-show-raw-insn', obj], check=True,
                             capture_output=True, text=True).stdout
    insns = {}
    for line in out.split('\n'):
        line = re.sub(r'\s*#.*$', '', line)
        m = ORACLE.match(line)
        if not m:
            continue
        ops = re.sub(r' <[^>]*>$', '', m.group(3) or '')
        insns[int(m.group(1), 16)] = (m.group(2), ops)
    return insns


def branch_target(mnemonic, operands):
    if (mnemonic.startswith('j') or mnemonic == 'callq') and re.fullmatch(r'0x[0-9a-f]+',
                                                                        operands):
        return int(operands, 16)
    return None


def compare_func(name, insns, start, base, theirs, data):
    """The differences in one function loaded at base, at start in the image."""
    bad = []
    for pc, mn, ops, raw in insns:
        off = start + pc
        if data[off:off + len(raw)] != raw:
            bad.append(f"{name}+{pc:x}: bytes {raw.hex()} are not the image's")
        want = theirs.get(off)
        if want is None:
            bad.append(f"{name}+{pc:x}: llvm-objdump has no instruction at {off:x}")
            continue
        ours_t, theirs_t = branch_target(mn, ops), branch_target(*want)
        if ours_t is not None and theirs_t is not None:
            same = (ours_t - base - pc) & MASK == (theirs_t - off) & MASK and mn == want[0]
        else:
            same = (mn, ops) == want
        if not same:
            bad.append(f"{name}+{pc:x} (image {off:x}): ours '{mn} {ops}', "
                       f"llvm-objdump '{want[0]} {want[1]}'")
    return bad


def main():
    ours, image = sys.argv[1], sys.argv[2]
    funcs = parse_ours(ours)
    theirs = oracle(image)
    syms = kallsyms()
    data = open(image, 'rb').read()
    start, compared, bad = 0, 0, []
    for name, insns in funcs:
        bases = syms.get(name)
        if not bases:
            bad.append(f"{name}: not in /proc/kallsyms")
            continue
        tries = [compare_func(name, insns, start, b, theirs, data) for b in bases]
        bad += min(tries, key=len)
        compared += len(insns)
        if insns:
            start += insns[-1][0] + len(insns[-1][3])
    if start != len(data):
        bad.append(f"functions cover {start} bytes of an image of {len(data)}")
    for b in bad[:30]:
        print(b, file=sys.stderr)
    print(f"compared={compared} differences={len(bad)}")
    sys.exit(1 if bad else 0)


if __name__ == '__main__':
    main()
