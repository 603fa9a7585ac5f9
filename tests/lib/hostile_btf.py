#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Write a corpus of malformed BTF inputs for tests/bats/btf_hostile.bats.

    hostile_btf.py --vmlinux vmlinux.btf --obj prog.bpf.o --out DIR
                   [--seed N] [--flips N] [--vmlinux-flips N] [--elf-flips N]
                   [--group GROUP]...

(--vmlinux and --obj are needed only by the groups made from them: the
"scratch", "encodings" and "other" groups are built from nothing.)

From a raw kernel BTF blob, from the .BTF section of a BPF object and from
scratch it writes files into DIR, and DIR/MANIFEST with one line per file:

    FILE <TAB> EXPECT <TAB> WHAT

EXPECT is "error" (a correct reader must reject the file), "ok" (the file
is valid: it must be accepted, which keeps the error cases honest) or "any"
(either answer is right, e.g. random byte flips that may leave the file
valid). The output is the same for the same inputs and seed.
"""

import argparse
import os
import random
import struct
import sys

BTF_MAGIC = 0xEB9F
HDR = struct.Struct("<HBBIIIII")  # magic version flags hdr_len type_off type_len str_off str_len

KIND = {
    "INT": 1, "PTR": 2, "ARRAY": 3, "STRUCT": 4, "UNION": 5, "ENUM": 6, "FWD": 7,
    "TYPEDEF": 8, "VOLATILE": 9, "CONST": 10, "RESTRICT": 11, "FUNC": 12,
    "FUNC_PROTO": 13, "VAR": 14, "DATASEC": 15, "FLOAT": 16, "DECL_TAG": 17,
    "TYPE_TAG": 18, "ENUM64": 19,
}
KIND_NAME = {v: k for k, v in KIND.items()}


def extra_size(kind, vlen):
    """Bytes that follow struct btf_type for a type of this kind."""
    if kind in (KIND["INT"], KIND["VAR"], KIND["DECL_TAG"]):
        return 4
    if kind == KIND["ARRAY"]:
        return 12
    if kind in (KIND["STRUCT"], KIND["UNION"], KIND["DATASEC"], KIND["ENUM64"]):
        return 12 * vlen
    if kind in (KIND["ENUM"], KIND["FUNC_PROTO"]):
        return 8 * vlen
    if kind in (KIND["PTR"], KIND["FWD"], KIND["TYPEDEF"], KIND["VOLATILE"], KIND["CONST"],
                KIND["RESTRICT"], KIND["FUNC"], KIND["FLOAT"], KIND["TYPE_TAG"]):
        return 0
    raise ValueError(f"unknown kind {kind}")


def info(kind, vlen=0, kflag=0):
    return (kflag << 31) | (kind << 24) | vlen


class Btf:
    """A parsed raw BTF blob (little endian, not split)."""

    def __init__(self, raw):
        self.raw = bytes(raw)
        (magic, version, flags, self.hdr_len, self.type_off, self.type_len,
         self.str_off, self.str_len) = HDR.unpack_from(self.raw)
        if magic != BTF_MAGIC or version != 1:
            raise ValueError("not little-endian BTF v1")
        self.types_start = self.hdr_len + self.type_off
        self.strs_start = self.hdr_len + self.str_off
        # (offset of struct btf_type in raw, kind, vlen), index = id - 1
        self.types = []
        off, end = self.types_start, self.types_start + self.type_len
        while off < end:
            _, inf, _ = struct.unpack_from("<III", self.raw, off)
            kind, vlen = (inf >> 24) & 0x1F, inf & 0xFFFF
            self.types.append((off, kind, vlen))
            off += 12 + extra_size(kind, vlen)
        if off != end:
            raise ValueError("type section does not end on a type")

    def first(self, kind, min_vlen=0):
        """(id, offset) of the first type of a kind (with at least min_vlen members)."""
        for i, (off, k, vlen) in enumerate(self.types):
            if k == KIND[kind] and vlen >= min_vlen:
                return i + 1, off
        raise LookupError(kind)

    def patched(self, *edits):
        """A copy with (offset, struct format, value) edits applied."""
        b = bytearray(self.raw)
        for off, fmt, val in edits:
            struct.pack_into(fmt, b, off, val)
        return bytes(b)

    def header(self, **fields):
        """A copy with header fields replaced."""
        names = ("magic", "version", "flags", "hdr_len", "type_off", "type_len", "str_off", "str_len")
        vals = dict(zip(names, HDR.unpack_from(self.raw)))
        vals.update(fields)
        b = bytearray(self.raw)
        HDR.pack_into(b, 0, *(vals[n] for n in names))
        return bytes(b)


def build_btf(types, strings=b"\0"):
    """A raw BTF blob from encoded types (bytes each) and a string section."""
    tdata = b"".join(types)
    hdr = HDR.pack(BTF_MAGIC, 1, 0, HDR.size, 0, len(tdata), len(tdata), len(strings))
    return hdr + tdata + strings


def t_int(name_off, size=4, bits=32, encoding=1):
    return struct.pack("<IIII", name_off, info(KIND["INT"]), size, (encoding << 24) | bits)


def t_ref(kind, ref, name_off=0):
    return struct.pack("<III", name_off, info(KIND[kind]), ref)


def t_array(elem, index, nelems):
    return struct.pack("<III", 0, info(KIND["ARRAY"]), 0) + struct.pack("<III", elem, index, nelems)


def t_struct(name_off, size, members, kind="STRUCT"):
    """members: (name_off, type_id, bit_offset)"""
    b = struct.pack("<III", name_off, info(KIND[kind], len(members)), size)
    for m in members:
        b += struct.pack("<III", *m)
    return b


def t_func_proto(ret, params):
    b = struct.pack("<III", 0, info(KIND["FUNC_PROTO"], len(params)), ret)
    for p in params:
        b += struct.pack("<II", 0, p)
    return b


def t_enum(name_off, size, values, kflag=0, kind="ENUM"):
    """values: (name_off, value); ENUM64 values are split in lo32, hi32."""
    b = struct.pack("<III", name_off, info(KIND[kind], len(values), kflag), size)
    for n, v in values:
        if kind == "ENUM":
            b += struct.pack("<II", n, v & 0xFFFFFFFF)
        else:
            b += struct.pack("<III", n, v & 0xFFFFFFFF, (v >> 32) & 0xFFFFFFFF)
    return b


def t_plain(kind, name_off, size_or_type, vlen=0, kflag=0):
    """A type that is struct btf_type alone (FWD, FLOAT, FUNC, ...)."""
    return struct.pack("<III", name_off, info(KIND[kind], vlen, kflag), size_or_type)


def t_var(name_off, type_id, linkage):
    return t_plain("VAR", name_off, type_id) + struct.pack("<I", linkage)


def t_datasec(name_off, size, entries):
    """entries: (type_id, offset, size)"""
    b = t_plain("DATASEC", name_off, size, len(entries))
    for e in entries:
        b += struct.pack("<III", *e)
    return b


def t_decl_tag(name_off, type_id, component_idx):
    return t_plain("DECL_TAG", name_off, type_id) + struct.pack("<i", component_idx)


def t_named_proto(ret, params):
    """params: (name_off, type_id); a last (0, 0) is '...'."""
    b = struct.pack("<III", 0, info(KIND["FUNC_PROTO"], len(params)), ret)
    for p in params:
        b += struct.pack("<II", *p)
    return b


def strtab(*names):
    """A string section and the offsets of names in it."""
    data, offs = b"\0", {}
    for n in names:
        offs[n] = len(data)
        data += n.encode() + b"\0"
    return data, offs


def read_elf_section(elf, wanted):
    """(file offset, size, section header offset) of an ELF64 LE section."""
    if elf[:4] != b"\x7fELF" or elf[4] != 2 or elf[5] != 1:
        raise ValueError("not a 64-bit little-endian ELF file")
    e_shoff, = struct.unpack_from("<Q", elf, 0x28)
    e_shentsize, e_shnum, e_shstrndx = struct.unpack_from("<HHH", elf, 0x3A)
    shdr = struct.Struct("<IIQQQQIIQQ")

    def sec(i):
        return shdr.unpack_from(elf, e_shoff + i * e_shentsize)

    names_off = sec(e_shstrndx)[4]
    for i in range(e_shnum):
        s = sec(i)
        name = elf[names_off + s[0]:elf.index(b"\0", names_off + s[0])]
        if name == wanted:
            return s[4], s[5], e_shoff + i * e_shentsize, names_off + s[0]
    raise LookupError(wanted)


class Corpus:
    def __init__(self, out):
        self.out = out
        self.lines = []
        os.makedirs(out, exist_ok=True)

    def add(self, name, data, expect, what):
        assert expect in ("error", "ok", "any")
        assert "\t" not in what and not any(n == name for n, _, _ in self.lines)
        with open(os.path.join(self.out, name), "wb") as f:
            f.write(data)
        self.lines.append((name, expect, what))

    def write_manifest(self):
        with open(os.path.join(self.out, "MANIFEST"), "w") as f:
            for line in self.lines:
                f.write("\t".join(line) + "\n")


def structural(c, src, btf):
    """Broken headers, sections, strings and types of a real BTF blob."""
    raw, n = btf.raw, len(btf.raw)
    data_len = n - btf.hdr_len
    p = f"{src}-"
    c.add(p + "original.btf", raw, "ok", f"the unmodified {src} BTF")

    # truncation
    mid_id = len(btf.types) // 2
    mid_off = btf.types[mid_id][0]
    cuts = {
        "0": 0, "1": 1, "23": 23, "header-only": btf.hdr_len, "24": 24,
        "first-type": btf.types_start + 6, "mid-type": mid_off + 6,
        "type-boundary": mid_off, "types-only": btf.types_start + btf.type_len,
        "mid-strings": btf.strs_start + btf.str_len // 2, "last-byte": n - 1,
    }
    seen = set()
    for label, size in cuts.items():
        if size in seen:
            continue
        seen.add(size)
        c.add(f"{p}trunc-{label}.btf", raw[:size], "error", f"truncated to {size} of {n} bytes")

    # header fields
    c.add(p + "magic-swapped.btf", btf.header(magic=0x9FEB), "error", "byte-swapped magic, body little endian")
    c.add(p + "magic-zero.btf", btf.header(magic=0), "error", "magic 0")
    c.add(p + "magic-elf.btf", b"\x7fELF" + raw[4:], "error", "ELF magic on a BTF body")
    for v in (0, 2, 255):
        c.add(f"{p}version-{v}.btf", btf.header(version=v), "error", f"version {v}")
    c.add(p + "hdr-len-8.btf", btf.header(hdr_len=8), "error", "hdr_len smaller than the header")
    c.add(p + "hdr-len-past-end.btf", btf.header(hdr_len=n + 8), "error", "hdr_len past the end of the file")
    c.add(p + "hdr-len-max.btf", btf.header(hdr_len=0xFFFFFFFF), "error", "hdr_len 0xffffffff")

    # sections
    c.add(p + "type-off-past-end.btf", btf.header(type_off=data_len + 4), "error", "type_off past the end")
    c.add(p + "type-len-past-end.btf", btf.header(type_len=data_len + 4), "error", "type_len past the end")
    c.add(p + "type-off-unaligned.btf", btf.header(type_off=btf.type_off + 2), "error", "type_off not 4-aligned")
    c.add(p + "type-len-partial.btf", btf.header(type_len=btf.type_len - 4), "error",
          "type_len ends inside the last type")
    c.add(p + "type-wraps.btf", btf.header(type_off=0xFFFFFFF0, type_len=0x20), "error",
          "type_off + type_len wraps around 2^32")
    c.add(p + "str-off-past-end.btf", btf.header(str_off=data_len + 4), "error", "str_off past the end")
    c.add(p + "str-len-past-end.btf", btf.header(str_len=btf.str_len + 1), "error", "str_len one past the end")
    c.add(p + "str-len-max.btf", btf.header(str_len=0xFFFFFFFF), "error", "str_len 0xffffffff")
    c.add(p + "str-wraps.btf", btf.header(str_off=0xFFFFFFF0, str_len=0x20), "error",
          "str_off + str_len wraps around 2^32")
    c.add(p + "str-len-zero.btf", btf.header(str_len=0), "error", "empty string section")
    c.add(p + "overlap.btf", btf.header(str_off=btf.type_off + btf.type_len // 2,
                                        str_len=n - btf.hdr_len - btf.type_off - btf.type_len // 2),
          "error", "string section starts inside the type section")

    # strings
    last = btf.strs_start + btf.str_len - 1
    c.add(p + "strs-unterminated.btf", btf.patched((last, "<B", 0x41)), "error",
          "string section does not end with NUL")
    c.add(p + "strs-first-not-nul.btf", btf.patched((btf.strs_start, "<B", 0x41)), "error",
          "string section does not start with NUL")
    sid, soff = btf.first("STRUCT", min_vlen=1)
    c.add(p + "name-off-past-strs.btf", btf.patched((soff, "<I", btf.str_len + 1000)), "error",
          f"[{sid}] STRUCT name_off past the string section")
    c.add(p + "name-off-at-end.btf", btf.patched((soff, "<I", btf.str_len)), "error",
          f"[{sid}] STRUCT name_off == str_len")
    c.add(p + "member-name-off-past-strs.btf", btf.patched((soff + 12, "<I", 0xFFFFFFF0)), "error",
          f"[{sid}] STRUCT member 0 name_off past the string section")

    # references past the last type
    nr = len(btf.types)
    pid, poff = btf.first("PTR")
    c.add(p + "ptr-past-last.btf", btf.patched((poff + 8, "<I", nr + 1)), "error",
          f"[{pid}] PTR to type {nr + 1}, one past the last")
    c.add(p + "member-type-max.btf", btf.patched((soff + 16, "<I", 0xFFFFFFFF)), "error",
          f"[{sid}] STRUCT member 0 of type 0xffffffff")
    aid, aoff = btf.first("ARRAY")
    c.add(p + "array-index-past-last.btf", btf.patched((aoff + 16, "<I", nr + 7)), "error",
          f"[{aid}] ARRAY index type past the last")
    c.add(p + "array-elem-past-last.btf", btf.patched((aoff + 12, "<I", 0x7FFFFFFF)), "error",
          f"[{aid}] ARRAY element type past the last")
    fid, foff = btf.first("FUNC_PROTO", min_vlen=1)
    c.add(p + "param-past-last.btf", btf.patched((foff + 16, "<I", nr + 1)), "error",
          f"[{fid}] FUNC_PROTO param 0 of type past the last")
    c.add(p + "ret-past-last.btf", btf.patched((foff + 8, "<I", nr + 100)), "error",
          f"[{fid}] FUNC_PROTO return type past the last")

    # kinds and vlen
    for k in (0, 20, 31):
        c.add(f"{p}kind-{k}.btf", btf.patched((poff + 4, "<I", info(k))), "error", f"[{pid}] of kind {k}")
    c.add(p + "struct-vlen-max.btf", btf.patched((soff + 4, "<I", info(KIND["STRUCT"], 0xFFFF))), "error",
          f"[{sid}] STRUCT with vlen 65535")
    eid, eoff = btf.first("ENUM", min_vlen=1)
    c.add(p + "enum-vlen-max.btf", btf.patched((eoff + 4, "<I", info(KIND["ENUM"], 0xFFFF, 0))), "error",
          f"[{eid}] ENUM with vlen 65535")
    c.add(p + "proto-vlen-max.btf", btf.patched((foff + 4, "<I", info(KIND["FUNC_PROTO"], 0xFFFF))), "error",
          f"[{fid}] FUNC_PROTO with vlen 65535")

    # reference loops made of real types
    c.add(p + "ptr-self.btf", btf.patched((poff + 8, "<I", pid)), "error", f"[{pid}] PTR to itself")
    c.add(p + "struct-embeds-self.btf", btf.patched((soff + 16, "<I", sid)), "error",
          f"[{sid}] STRUCT whose member 0 is itself")
    c.add(p + "array-of-self.btf", btf.patched((aoff + 12, "<I", aid)), "error",
          f"[{aid}] ARRAY of itself")


def scratch(c):
    """Small hand-built BTF blobs: loops, deep chains, odd but valid types."""
    s, o = strtab("int", "a", "b", "s", "t", "x", "next", "u", "big")
    INT = t_int(o["int"])
    loops = {
        "typedef-self": [t_ref("TYPEDEF", 1, o["a"])],
        "typedef-loop": [t_ref("TYPEDEF", 2, o["a"]), t_ref("TYPEDEF", 1, o["b"])],
        "ptr-loop": [t_ref("PTR", 2), t_ref("PTR", 1)],
        "cv-loop": [t_ref("CONST", 2), t_ref("VOLATILE", 3), t_ref("CONST", 1)],
        "restrict-typetag-loop": [t_ref("RESTRICT", 2), t_ref("TYPE_TAG", 1, o["t"])],
        "struct-self": [INT, t_struct(o["s"], 4, [(o["x"], 2, 0)])],
        "struct-self-typedef": [INT, t_struct(o["s"], 4, [(o["x"], 3, 0)]), t_ref("TYPEDEF", 2, o["t"])],
        "struct-self-array": [INT, t_struct(o["s"], 4, [(o["x"], 3, 0)]), t_array(2, 1, 1)],
        "struct-mutual": [INT, t_struct(o["a"], 4, [(o["x"], 3, 0)]), t_struct(o["b"], 4, [(o["x"], 2, 0)])],
        "union-self-const": [INT, t_struct(o["u"], 4, [(o["x"], 3, 0)], "UNION"), t_ref("CONST", 2)],
        "array-self": [INT, t_array(2, 1, 4)],
        "proto-returns-self": [t_func_proto(1, [])],
        "proto-param-loop": [t_func_proto(2, []), t_ref("PTR", 3), t_ref("CONST", 1)],
        "func-to-self": [struct.pack("<III", o["a"], info(KIND["FUNC"]), 1)],
    }
    for name, types in loops.items():
        c.add(f"scratch-{name}.btf", build_btf(types, s), "error", name.replace("-", " "))

    c.add("scratch-linked-list.btf",
          build_btf([INT, t_struct(o["s"], 16, [(o["next"], 3, 0), (o["x"], 1, 64)]), t_ref("PTR", 2)], s),
          "ok", "struct s { struct s *next; int x; }: a loop through a pointer is valid")
    c.add("scratch-header-only.btf", build_btf([], b"\0"), "any", "no types at all")
    c.add("scratch-void-only-refs.btf", build_btf([t_ref("PTR", 0), t_ref("CONST", 0), t_ref("TYPEDEF", 2, o["t"])], s),
          "ok", "pointer to void, const void, typedef of const void")

    # deep chains without loops: recursion depth, not validity
    depth = 20000
    chain = [INT] + [t_ref("TYPEDEF", i + 1, o["t"]) for i in range(1, depth)]
    c.add("scratch-deep-typedefs.btf", build_btf(chain, s), "any", f"{depth} typedefs chained to int")
    chain = [INT] + [t_ref("PTR", i + 1) for i in range(1, depth)]
    c.add("scratch-deep-pointers.btf", build_btf(chain, s), "any", f"{depth} pointers chained to int")
    chain = [INT] + [t_struct(o["s"], 4, [(o["x"], i + 1, 0)]) for i in range(1, depth)]
    c.add("scratch-deep-structs.btf", build_btf(chain, s), "any", f"{depth} structs s, each embedding the last")
    chain = [INT] + [t_array(i + 1, 1, 1) for i in range(1, depth)]
    c.add("scratch-deep-arrays.btf", build_btf(chain, s), "any", f"{depth} arrays nested")
    chain = [INT] + [t_func_proto(i + 1, [i + 1]) for i in range(1, 2000)]
    c.add("scratch-deep-protos.btf", build_btf(chain, s), "any", "2000 function prototypes nested")

    # sizes that overflow when multiplied or summed
    big = t_struct(o["big"], 0xFFFFFFFF, [(o["x"], 1, 0)])
    c.add("scratch-huge-struct.btf", build_btf([INT, big, t_array(2, 1, 0xFFFFFFFF)], s), "any",
          "struct of size 0xffffffff and an array of 2^32-1 of them")
    c.add("scratch-huge-array.btf",
          build_btf([INT, t_array(1, 1, 0xFFFFFFFF), t_array(2, 1, 0xFFFFFFFF), t_array(3, 1, 0xFFFFFFFF)], s),
          "any", "nested arrays whose size overflows 64 bits")
    c.add("scratch-member-past-size.btf",
          build_btf([INT, t_struct(o["s"], 4, [(o["x"], 1, 0xFFFFFFF0)])], s), "any",
          "member bit offset far past the struct size")
    c.add("scratch-bitfield-huge.btf",
          build_btf([INT, struct.pack("<III", o["s"], info(KIND["STRUCT"], 1, 1), 4) +
                     struct.pack("<III", o["x"], 1, (255 << 24) | 0xFFFFFF)], s), "any",
          "kflag struct with a 255-bit bitfield at offset 2^24-1")
    c.add("scratch-int-bad.btf",
          build_btf([t_int(o["int"], size=3, bits=200, encoding=7), t_int(o["a"], size=0, bits=0),
                     t_int(o["b"], size=16, bits=129)], s), "any",
          "INTs with odd sizes, too many bits and unknown encodings")
    c.add("scratch-enum-size-3.btf",
          build_btf([struct.pack("<IIIII", o["a"], info(KIND["ENUM"], 1), 3, o["x"], 5)], s), "error",
          "enum of size 3")
    # forward enums are size 0 without enumerators: not with them, nor other sizes
    c.add("scratch-enum-size-0-vlen-1.btf", build_btf([t_enum(o["a"], 0, [(o["x"], 5)])], s), "error",
          "enum of size 0 with an enumerator")
    c.add("scratch-enum-size-0-vlen-1-kflag.btf", build_btf([t_enum(o["a"], 0, [(o["x"], 5)], 1)], s),
          "error", "signed enum of size 0 with an enumerator")
    c.add("scratch-enum-size-16.btf", build_btf([t_enum(o["a"], 16, [])], s), "error",
          "enum of size 16 without enumerators")
    c.add("scratch-enum64-size-0-vlen-1.btf",
          build_btf([t_enum(o["a"], 0, [(o["x"], 1 << 40)], kind="ENUM64")], s), "error",
          "enum64 of size 0 with an enumerator")
    c.add("scratch-enum64-size-3.btf", build_btf([t_enum(o["a"], 3, [(o["x"], 1)], kind="ENUM64")], s),
          "error", "enum64 of size 3")
    c.add("scratch-int-bits-past-size.btf", build_btf([t_int(o["int"], size=2, bits=17)], s), "error",
          "INT of 17 bits in 2 bytes")
    c.add("scratch-int-offset-past-size.btf",
          build_btf([struct.pack("<IIII", o["int"], info(KIND["INT"]), 4, (4 << 16) | 32)], s), "error",
          "INT of 32 bits at bit 4 in 4 bytes")
    c.add("scratch-float-size-3.btf", build_btf([t_plain("FLOAT", o["big"], 3)], s), "error",
          "FLOAT of size 3")
    c.add("scratch-datasec-non-var.btf",
          build_btf([INT, struct.pack("<III", o["s"], info(KIND["DATASEC"], 1), 4) +
                     struct.pack("<III", 1, 0, 4)], s), "any", "DATASEC entry that is not a VAR")
    c.add("scratch-decl-tag-bad-idx.btf",
          build_btf([INT, t_struct(o["s"], 4, [(o["x"], 1, 0)]),
                     struct.pack("<IIIi", o["t"], info(KIND["DECL_TAG"]), 2, 5)], s), "any",
          "DECL_TAG with a component index past the members")
    c.add("scratch-names-odd.btf",
          build_btf([t_int(1), t_struct(4, 4, [(7, 1, 0), (7, 1, 0)])], b"\0\x01\x7f\0-1\0\xff\xfe\0"),
          "any", "names that are not C identifiers, duplicate member names")


def encodings(c):
    """Valid BTF that clang 14 does not emit but the kernel, pahole or newer
    compilers do: signed enums, ENUM64, every INT and FLOAT size, externs,
    tags. All "ok"; tests/bats/btf_encodings.bats compares their dumps with
    bpftool's."""
    s, o = strtab("int", "unsigned int", "char", "_Bool", "__int128", "unsigned __int128",
                  "short", "long long", "u24", "_Float16", "float", "double", "__float80",
                  "long double", "__float128", "e_s4", "e_u4", "e_s1", "e_u2", "e_s8", "e64_u",
                  "e64_s", "e64_small", "e64_s1", "fwd", "fwd_signed", "fwd64", "A", "B", "C",
                  "D", "holder", "a", "b", "c", "d", "e", "f", "g")
    INT = t_int(o["int"])                                                  # [1]
    enums = [
        INT,
        t_enum(o["e_s4"], 4, [(o["A"], -1), (o["B"], -(1 << 31)), (o["C"], (1 << 31) - 1)], 1),
        t_enum(o["e_u4"], 4, [(o["A"], 0xFFFFFFFF), (o["B"], 0x80000000), (o["C"], 0)]),
        t_enum(o["e_s1"], 1, [(o["A"], -128), (o["B"], 127)], 1),           # [4]
        t_enum(o["e_u2"], 2, [(o["A"], 0xFFFF), (o["B"], 256)]),
        t_enum(o["e_s8"], 8, [(o["A"], -5), (o["B"], 7)], 1),               # [6]
        t_enum(o["e64_u"], 8, [(o["A"], 0xFFFFFFFFFFFFFFFF), (o["B"], 1 << 32), (o["C"], 0)], 0, "ENUM64"),
        # not INT64_MIN: libbpf prints it as -9223372036854775808LL, which C refuses
        t_enum(o["e64_s"], 8, [(o["A"], -(1 << 62)), (o["B"], -1), (o["C"], (1 << 63) - 1)], 1, "ENUM64"),
        t_enum(o["e64_small"], 4, [(o["A"], 1), (o["B"], 0xFFFFFFFF)], 0, "ENUM64"),    # [9]
        t_enum(o["e64_s1"], 1, [(o["D"], -1)], 1, "ENUM64"),
        t_enum(o["fwd"], 0, []),                                            # [11]
        t_enum(o["fwd_signed"], 0, [], 1),
        t_enum(o["fwd64"], 0, [], 1, "ENUM64"),                             # [13]
        t_enum(0, 4, [(o["D"], 3)], 1),
        t_ref("PTR", 11), t_ref("PTR", 12), t_ref("PTR", 13),               # [15..17]
        t_struct(o["holder"], 72, [(o["a"], 2, 0), (o["b"], 3, 32), (o["c"], 4, 64), (o["d"], 6, 128),
                                   (o["e"], 7, 192), (o["f"], 8, 256), (o["g"], 15, 320),
                                   (o["A"], 16, 384), (o["B"], 17, 448), (o["C"], 9, 512),
                                   (o["D"], 14, 544)]),
    ]
    c.add("valid-enums.btf", build_btf(enums, s), "ok",
          "signed and unsigned ENUM and ENUM64 of sizes 1 to 8, forward ENUM and ENUM64")

    numbers = [
        INT,
        t_int(o["unsigned int"], 4, 32, 0),
        t_int(o["char"], 1, 8, 2),
        t_int(o["_Bool"], 1, 8, 4),
        t_int(o["__int128"], 16, 128, 1),
        t_int(o["unsigned __int128"], 16, 128, 0),                          # [6]
        t_int(o["short"], 2, 16, 1),
        t_int(o["long long"], 8, 64, 1),
        t_int(o["u24"], 3, 24, 0),                                          # [9]
        t_plain("FLOAT", o["_Float16"], 2),
        t_plain("FLOAT", o["float"], 4),
        t_plain("FLOAT", o["double"], 8),
        t_plain("FLOAT", o["__float80"], 12),
        t_plain("FLOAT", o["long double"], 16),                             # [14]
        t_plain("FLOAT", o["__float128"], 16),
        struct.pack("<IIII", o["a"], info(KIND["INT"]), 4, (5 << 16) | 11),  # [16] 11 bits at bit 5
    ]
    c.add("valid-numbers.btf", build_btf(numbers, s), "ok",
          "INT of sizes 1 to 16 (and 3), char and bool encodings, an INT at a bit offset, FLOAT 2 to 16")

    s, o = strtab("int", "ext_var", "static_var", "glob_var", ".kconfig", ".ksyms", ".bss",
                  "ext_fn", "static_fn", "glob_fn", "x", "fmt", "user", "rcu", "tag", "ptag",
                  "s", "empty", "u_empty", "m", "flex", "data", "bits", "lo", "hi", "vfn", "char")
    misc = [
        INT,                                                                 # [1]
        t_var(o["ext_var"], 1, 2),
        t_var(o["static_var"], 1, 0),
        t_var(o["glob_var"], 1, 1),                                          # [4]
        t_named_proto(1, [(o["x"], 1), (o["fmt"], 7), (0, 0)]),              # [5] int (int x, char *fmt, ...)
        t_int(o["char"], 1, 8, 1),                                           # [6]
        t_ref("PTR", 6),                                                     # [7]
        t_plain("FUNC", o["ext_fn"], 5, vlen=2),                             # [8] extern
        t_plain("FUNC", o["static_fn"], 5, vlen=0),                          # [9]
        t_plain("FUNC", o["glob_fn"], 5, vlen=1),                            # [10]
        t_datasec(o[".kconfig"], 0, [(2, 0, 4)]),                            # [11]
        t_datasec(o[".ksyms"], 0, [(8, 0, 0)]),
        t_datasec(o[".bss"], 8, [(3, 0, 4), (4, 4, 4)]),                     # [13]
        t_decl_tag(o["tag"], 10, -1),
        t_decl_tag(o["ptag"], 10, 1),
        t_ref("TYPE_TAG", 1, o["user"]),                                     # [16]
        t_ref("TYPE_TAG", 16, o["rcu"]),
        t_ref("CONST", 17), t_ref("VOLATILE", 18), t_ref("PTR", 19),         # [18..20]
        t_ref("RESTRICT", 20),                                               # [21]
        t_struct(o["empty"], 0, []),                                         # [22]
        t_struct(o["u_empty"], 0, [], "UNION"),
        t_array(1, 1, 0),                                                    # [24]
        t_struct(o["flex"], 4, [(o["m"], 1, 0), (o["data"], 24, 32)]),
        struct.pack("<III", o["bits"], info(KIND["STRUCT"], 3, 1), 16) +     # [26] kflag bitfields
        struct.pack("<III", o["lo"], 1, (3 << 24) | 0) +
        struct.pack("<III", o["hi"], 1, (29 << 24) | 3) +
        struct.pack("<III", o["m"], 21, 64),
        t_decl_tag(o["tag"], 26, 1),
        t_ref("PTR", 5),
        t_ref("TYPEDEF", 28, o["vfn"]),                                      # [29]
        t_struct(o["s"], 32, [(o["m"], 21, 0), (o["x"], 29, 64), (o["data"], 22, 128),
                              (o["bits"], 23, 128), (o["flex"], 26, 128), (o["lo"], 24, 256)]),
    ]
    c.add("valid-misc.btf", build_btf(misc, s), "ok",
          "extern, static and global VAR and FUNC, size-0 DATASECs, decl and type tags, "
          "qualifier chains, empty struct and union, flexible array, kflag bitfields, varargs")


def flips(c, prefix, raw, count, rng, lo, hi, expect="any"):
    """count copies of raw with 1 to 4 random bytes in [lo, hi) changed."""
    for i in range(count):
        b = bytearray(raw)
        where = []
        for _ in range(rng.randint(1, 4)):
            pos = rng.randrange(lo, hi)
            b[pos] ^= rng.randrange(1, 256)
            where.append(pos)
        c.add(f"{prefix}-{i:03d}.btf" if not prefix.startswith("elf") else f"{prefix}-{i:03d}.o",
              bytes(b), expect, "bytes changed at " + ",".join(map(str, sorted(where))))


def elf_variants(c, elf, rng, nflips):
    """An ELF object whose .BTF section, or the ELF structure, is broken."""
    off, size, shdr_off, name_off = read_elf_section(elf, b".BTF")
    btf = Btf(elf[off:off + size])

    def with_btf(new):
        assert len(new) == size
        return elf[:off] + new + elf[off + size:]

    def patch(at, fmt, val):
        b = bytearray(elf)
        struct.pack_into(fmt, b, at, val)
        return bytes(b)

    c.add("elf-original.o", elf, "ok", "the unmodified object")
    c.add("elf-btf-magic.o", with_btf(btf.header(magic=0)), "error", ".BTF with magic 0")
    c.add("elf-btf-str-len.o", with_btf(btf.header(str_len=btf.str_len + 64)), "error",
          ".BTF str_len past the section")
    c.add("elf-btf-type-len.o", with_btf(btf.header(type_len=btf.type_len + 12)), "error",
          ".BTF type_len past the types")
    pid, poff = btf.first("PTR")
    c.add("elf-btf-ptr-self.o", with_btf(btf.patched((poff + 8, "<I", pid))), "error", ".BTF PTR to itself")
    c.add("elf-btf-unterminated.o",
          with_btf(btf.patched((btf.strs_start + btf.str_len - 1, "<B", 0x41))), "error",
          ".BTF strings not NUL-terminated")
    # section header: sh_size (at +32) and sh_offset (at +24)
    c.add("elf-btf-size-past-end.o", patch(shdr_off + 32, "<Q", len(elf) * 4), "error",
          ".BTF sh_size past the end of the file")
    c.add("elf-btf-offset-past-end.o", patch(shdr_off + 24, "<Q", len(elf) + 4096), "error",
          ".BTF sh_offset past the end of the file")
    c.add("elf-btf-size-tiny.o", patch(shdr_off + 32, "<Q", 10), "error", ".BTF sh_size 10")
    c.add("elf-btf-nobits.o", patch(shdr_off + 4, "<I", 8), "error", ".BTF of type SHT_NOBITS")
    c.add("elf-no-btf.o", elf[:name_off] + b".XTF" + elf[name_off + 4:], "error",
          "no .BTF section (renamed .XTF)")
    # ELF header
    c.add("elf-shoff-past-end.o", patch(0x28, "<Q", len(elf) + 64), "error", "e_shoff past the end")
    c.add("elf-shnum-max.o", patch(0x3C, "<H", 0xFFFF), "error", "e_shnum 65535")
    c.add("elf-shstrndx-bad.o", patch(0x3E, "<H", 0xFFF0), "error", "e_shstrndx past the sections")
    c.add("elf-class32.o", patch(4, "<B", 1), "error", "ELFCLASS32 header on a 64-bit body")
    c.add("elf-big-endian.o", patch(5, "<B", 2), "error", "ELFDATA2MSB header on a little-endian body")
    c.add("elf-header-only.o", elf[:64], "error", "only the ELF header")
    c.add("elf-trunc-half.o", elf[:len(elf) // 2], "error", "truncated to half")
    c.add("elf-trunc-20.o", elf[:20], "error", "truncated to 20 bytes")
    flips(c, "elf-btf-flip", elf, nflips, rng, off, off + size)


def others(c, rng):
    c.add("other-empty.bin", b"", "error", "empty file")
    c.add("other-text.bin", b"this is not BTF, nor an ELF object\n" * 10, "error", "a text file")
    c.add("other-random.bin", bytes(rng.randrange(256) for _ in range(4096)), "error", "4 KiB of random bytes")
    c.add("other-zeros.bin", bytes(65536), "error", "64 KiB of zeros")
    c.add("other-magic-only.bin", struct.pack("<H", BTF_MAGIC), "error", "the BTF magic alone")


GROUPS = ("obj", "vmlinux", "scratch", "encodings", "obj-flip", "vmlinux-flip", "elf", "other")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--vmlinux", help="raw kernel BTF (e.g. the fixture vmlinux.btf)")
    ap.add_argument("--obj", help="a BPF object file with a .BTF section")
    ap.add_argument("--out", required=True, help="directory to write the corpus into")
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--flips", type=int, default=200, help="byte-flip variants of the object's BTF")
    ap.add_argument("--vmlinux-flips", type=int, default=40, help="byte-flip variants of vmlinux")
    ap.add_argument("--elf-flips", type=int, default=30, help="byte-flip variants of the object's .BTF")
    ap.add_argument("--group", action="append", choices=GROUPS,
                    help="write only this group (repeatable; default: all)")
    args = ap.parse_args()

    c = Corpus(args.out)
    groups = args.group or GROUPS
    need = {"vmlinux": {"vmlinux", "vmlinux-flip"}, "obj": {"obj", "obj-flip", "elf"}}
    for arg, users in need.items():
        if users & set(groups) and not getattr(args, arg):
            ap.error(f"--{arg} is needed by the groups {', '.join(sorted(users & set(groups)))}")
    vmlinux = obj = elf = None
    if args.vmlinux and need["vmlinux"] & set(groups):
        with open(args.vmlinux, "rb") as f:
            vmlinux = Btf(f.read())
    if args.obj and need["obj"] & set(groups):
        with open(args.obj, "rb") as f:
            elf = f.read()
        off, size, _, _ = read_elf_section(elf, b".BTF")
        obj = Btf(elf[off:off + size])

    def rng(group):
        # one generator per group: a group's files do not depend on the others
        return random.Random(f"{args.seed}-{group}")

    # in vmlinux, the header and the types are where a flip changes structure
    vm_types_end = vmlinux.types_start + vmlinux.type_len if vmlinux else 0
    make = {
        "obj": lambda: structural(c, "obj", obj),
        "vmlinux": lambda: structural(c, "vmlinux", vmlinux),
        "scratch": lambda: scratch(c),
        "encodings": lambda: encodings(c),
        "obj-flip": lambda: flips(c, "obj-flip", obj.raw, args.flips, rng("obj-flip"), 0, len(obj.raw)),
        "vmlinux-flip": lambda: flips(c, "vmlinux-flip", vmlinux.raw, args.vmlinux_flips,
                                      rng("vmlinux-flip"), 0, vm_types_end),
        "elf": lambda: elf_variants(c, elf, rng("elf"), args.elf_flips),
        "other": lambda: others(c, rng("other")),
    }
    for group in groups:
        make[group]()
    c.write_manifest()
    print(f"{len(c.lines)} files in {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
