#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Seed inputs for the BTF fuzz harnesses whose input is not one bare section.

tests/fuzz/btf_seed.py typed_value OUT_DIR BTF...
    for value types (struct, union, datasec, array, ...) of each raw BTF:
    le32 type id, le32 BTF length, the BTF, 64 value bytes
    (the layout fuzz_btf_typed_value.c reads)
tests/fuzz/btf_seed.py split OUT_DIR BASE_CNT BASE_STRS_LEN BTF...
    each raw BTF rewritten as split BTF on a base of BASE_CNT type ids
    (void included) and BASE_STRS_LEN string bytes: own type ids and
    string offsets moved past the base's (fuzz_btf_split.c's base)
tests/fuzz/btf_seed.py pair OUT_FILE BTF EXT
    le32 BTF length, the BTF, the .BTF.ext (fuzz_btf_ext.c's layout)
"""
import os
import struct
import sys

HDR = struct.Struct("<HBBIIIII")

# kind: (bytes after the 12-byte btf_type, bytes per vlen entry)
KINDS = {
    1: (4, 0), 2: (0, 0), 3: (12, 0), 4: (0, 12), 5: (0, 12), 6: (0, 8),
    7: (0, 0), 8: (0, 0), 9: (0, 0), 10: (0, 0), 11: (0, 0), 12: (0, 0),
    13: (0, 8), 14: (4, 0), 15: (0, 12), 16: (0, 0), 17: (4, 0), 18: (0, 0),
    19: (0, 12),
}
# kinds whose third word is a type id (the others hold a size)
REF_KINDS = {2, 8, 9, 10, 11, 12, 13, 14, 17, 18}
VALUE_KINDS = {1, 2, 3, 4, 5, 6, 8, 9, 10, 14, 15, 16, 19}


def parse(raw):
    """(header fields, [(offset into raw, kind, vlen)]) of a raw BTF."""
    _, _, _, hdr_len, type_off, type_len, _, _ = HDR.unpack_from(raw)
    start = hdr_len + type_off
    types, off = [], start
    while off < start + type_len:
        info = struct.unpack_from("<I", raw, off + 4)[0]
        kind, vlen = (info >> 24) & 0x1F, info & 0xFFFF
        fixed, per = KINDS[kind]
        types.append((off, kind, vlen))
        off += 12 + fixed + per * vlen
    return HDR.unpack_from(raw), types


def typed_value(out, paths):
    value = bytes(range(1, 33)) + b"hello, world\0\0\0\0" + bytes(16)
    for path in paths:
        raw = open(path, "rb").read()
        _, types = parse(raw)
        ids = [i + 1 for i, (_, kind, _) in enumerate(types) if kind in VALUE_KINDS]
        # a dozen ids spread over the file, the composite ones first
        ids.sort(key=lambda i: types[i - 1][1] not in (4, 5, 15))
        stem = os.path.basename(path).split(".")[0]
        for tid in ids[:12]:
            with open(os.path.join(out, f"{stem}-{tid}"), "wb") as f:
                f.write(struct.pack("<II", tid, len(raw)) + raw + value)


def split(out, base_cnt, base_strs, paths):
    def tid(v):
        return v + base_cnt - 1 if v else 0

    def name(v):
        return v + base_strs if v else 0

    for path in paths:
        raw = bytearray(open(path, "rb").read())
        _, types = parse(raw)

        def remap(off, fn):
            struct.pack_into("<I", raw, off, fn(struct.unpack_from("<I", raw, off)[0]))

        for off, kind, vlen in types:
            remap(off, name)
            if kind in REF_KINDS:
                remap(off + 8, tid)
            body = off + 12
            if kind == 3:
                remap(body, tid)
                remap(body + 4, tid)
            elif kind in (4, 5):
                for i in range(vlen):
                    remap(body + 12 * i, name)
                    remap(body + 12 * i + 4, tid)
            elif kind in (6, 19):
                for i in range(vlen):
                    remap(body + KINDS[kind][1] * i, name)
            elif kind == 13:
                for i in range(vlen):
                    remap(body + 8 * i, name)
                    remap(body + 8 * i + 4, tid)
            elif kind == 15:
                for i in range(vlen):
                    remap(body + 12 * i, tid)
        stem = os.path.basename(path).split(".")[0]
        with open(os.path.join(out, f"{stem}.split"), "wb") as f:
            f.write(raw)


def main():
    mode = sys.argv[1]
    if mode == "typed_value":
        typed_value(sys.argv[2], sys.argv[3:])
    elif mode == "split":
        split(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5:])
    elif mode == "pair":
        btf = open(sys.argv[3], "rb").read()
        ext = open(sys.argv[4], "rb").read()
        with open(sys.argv[2], "wb") as f:
            f.write(struct.pack("<I", len(btf)) + btf + ext)
    else:
        sys.exit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
