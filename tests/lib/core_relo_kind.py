# SPDX-License-Identifier: BSD-2-Clause
"""core_relo_kind.py OBJ FROM TO: in the BPF ELF object OBJ, change the kind
of the first CO-RE relocation of kind FROM (enum bpf_core_relo_kind) to TO,
in place. For relocations the installed clang can't emit (TYPE_MATCHES
needs clang 15): the record is otherwise the same. Exits non-zero when OBJ
has no such relocation."""
import struct
import sys


def section(data, wanted):
    """File offset of ELF64 little-endian section wanted."""
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from("<HHH", data, 0x3A)

    def header(i):
        return struct.unpack_from("<IIQQQQ", data, shoff + i * shentsize)

    strtab = header(shstrndx)[4]
    for i in range(shnum):
        name_off, off = header(i)[0], header(i)[4]
        end = data.index(b"\0", strtab + name_off)
        if data[strtab + name_off:end].decode() == wanted:
            return off
    sys.exit(f"no {wanted} section")


def main():
    path, old, new = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    data = bytearray(open(path, "rb").read())
    ext = section(data, ".BTF.ext")
    hdr_len, = struct.unpack_from("<I", data, ext + 4)
    core_off, core_len = struct.unpack_from("<II", data, ext + 24)
    pos = ext + hdr_len + core_off
    end = pos + core_len
    rec_size, = struct.unpack_from("<I", data, pos)
    pos += 4
    while pos < end:
        count, = struct.unpack_from("<I", data, pos + 4)
        pos += 8
        for _ in range(count):
            # struct bpf_core_relo: insn_off, type_id, access_str_off, kind
            if struct.unpack_from("<I", data, pos + 12)[0] == old:
                struct.pack_into("<I", data, pos + 12, new)
                open(path, "wb").write(data)
                return
            pos += rec_size
    sys.exit(f"no CO-RE relocation of kind {old}")


main()
