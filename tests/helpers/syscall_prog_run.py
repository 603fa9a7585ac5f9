#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""syscall_prog_run.py PIN N: run the BPF_PROG_TYPE_SYSCALL program pinned at
PIN once (BPF_PROG_TEST_RUN), its context the 64-bit word N, and print its
return value. A syscall program takes a context and nothing else, which
"prog run" (data_in required) can't express. x86_64 and arm64 only."""
import ctypes
import os
import platform
import struct
import sys

NR_BPF = {"x86_64": 321, "aarch64": 280}[platform.machine()]
BPF_OBJ_GET, BPF_PROG_TEST_RUN = 7, 10
ATTR_SIZE = 128

libc = ctypes.CDLL(None, use_errno=True)


def bpf(cmd, attr):
    ret = libc.syscall(NR_BPF, cmd, attr, ATTR_SIZE)
    if ret < 0:
        err = ctypes.get_errno()
        sys.exit("bpf(%d): %s" % (cmd, os.strerror(err)))
    return ret


path = ctypes.create_string_buffer(sys.argv[1].encode())
attr = ctypes.create_string_buffer(ATTR_SIZE)
struct.pack_into("<Q", attr, 0, ctypes.addressof(path))
fd = bpf(BPF_OBJ_GET, attr)

ctx = ctypes.create_string_buffer(struct.pack("<Q", int(sys.argv[2])))
attr = ctypes.create_string_buffer(ATTR_SIZE)
struct.pack_into("<I", attr, 0, fd)                       # prog_fd
struct.pack_into("<I", attr, 40, 8)                       # ctx_size_in
struct.pack_into("<Q", attr, 48, ctypes.addressof(ctx))   # ctx_in
bpf(BPF_PROG_TEST_RUN, attr)
print(struct.unpack_from("<i", attr, 4)[0])               # retval
