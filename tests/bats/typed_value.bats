#!/usr/bin/env bats
# SPDX-License-Identifier: BSD-2-Clause
#
# The BTF value formatter on the BTF of clang-compiled objects: values
# whose bytes come from the objects' .data (or from the bpftool reference
# output) rendered through tests/unit/test_typed_value's --format mode.

load ../lib/common

setup_file() {
	local dir=$BATS_FILE_TMPDIR
	compile_bpf "$PROGS/typed_value.bpf.c" "$dir/typed_value.o"
	compile_bpf "$PROGS/types.bpf.c" "$dir/types.o"
	llvm-objcopy -O binary --only-section=.data "$dir/typed_value.o" "$dir/typed_value.data"
	llvm-objcopy -O binary --only-section=.data "$dir/types.o" "$dir/types.data"
}

setup() {
	TV=${TYPED_VALUE_TOOL:-$(dirname "$BPFCTL")/tests/test_typed_value}
	[[ -x $TV ]] || { echo "no $TV: build the unit tests first" >&2; return 1; }
}

# data_of OBJ SYMBOL SIZE: hex of SIZE bytes of SYMBOL in OBJ's .data.
data_of() {
	local obj=$BATS_FILE_TMPDIR/$1 off
	off=$(llvm-nm "$obj.o" | awk -v s="$2" '$3 == s { print $1 }')
	[[ -n $off ]] || { echo "no symbol $2 in $obj.o" >&2; return 1; }
	hex_of "$obj.data" $((16#$off)) "$3"
}

# hex_of FILE [OFFSET LENGTH]: the bytes of FILE as one hex string.
hex_of() {
	python3 -c 'import sys
data = open(sys.argv[1], "rb").read()
off = int(sys.argv[2]) if len(sys.argv) > 2 else 0
end = off + int(sys.argv[3]) if len(sys.argv) > 3 else len(data)
print(data[off:end].hex())' "$@"
}

# ref_hex NAME: the reference dump's "NAME" byte array as one hex string.
ref_hex() {
	gzip -dc "$FIXTURES/reference/map_dump_flows_btf.json.gz" |
		python3 -c 'import json, sys
print("".join(b[2:] for b in json.load(sys.stdin)[0][sys.argv[1]]))' "$1"
}

# format OBJ KIND:NAME HEX: the formatter's JSON in $output, stderr in $stderr.
format() {
	run --separate-stderr "$TV" --format "$BATS_FILE_TMPDIR/$1.o" "$2" "$3"
	no_sanitizer_report
}

@test "struct flow and struct stats as clang lays them out hold the reference's bytes" {
	[[ $(data_of typed_value g_flow 16) == "$(ref_hex key)" ]]
	[[ $(data_of typed_value g_stats 40) == "$(ref_hex value)" ]]
}

@test "the reference's key and value come out byte for byte as bpftool's \"formatted\"" {
	local want key value
	want=$(gzip -dc "$FIXTURES/reference/map_dump_flows_btf.json.gz" |
		sed -e 's/.*"formatted"://' -e 's/}]$//')
	format typed_value struct:flow "$(ref_hex key)"
	expect_status 0
	key=$output
	format typed_value struct:stats "$(ref_hex value)"
	expect_status 0
	value=$output
	[[ "{\"key\":$key,\"value\":$value}" == "$want" ]] ||
		{ printf 'got:  {"key":%s,"value":%s}\nwant: %s\n' "$key" "$value" "$want"; false; }
}

@test "every scalar encoding clang emits, with strings, anonymous unions and bitfields" {
	local want='{"on":true,"letter":120,"sc":-5,"uc":250,"s":-300,"us":60000,"i":-70000,'
	want+='"u":4000000000,"l":-5000000000,"ul":18000000000000000000,'
	want+='"big":"0xffffffffffffffffffffffffffffffff","ubig":"0x10000000000000000000000000",'
	want+='"f":0.5,"d":-2.25,"ptr":4660,"fn":0,"unknown":9,"name":"bpf","raw":[1,2,3],'
	want+='"cname":"a\"b","":{"word":131073,"halves":[1,2]},'
	want+='"nib":{"lo":"0x9","hi":"0xabcdef"},"empty":[]}'
	format typed_value struct:scalars "$(data_of typed_value g_scalars 128)"
	expect_status 0
	[[ $output == "$want" ]] || { printf 'got:  %s\nwant: %s\n' "$output" "$want"; false; }
	json_valid <<<"$output"
}

@test "bitfields straddling storage units and after a zero-width one (types.bpf.c)" {
	format types struct:flags "$(data_of types g_flags 16)"
	expect_status 0
	[[ $output == '{"a":"0x1","b":"0x5","c":"0x1d","wide":"0x123456789","tail":"0x0","after":0}' ]]
}

@test "a union shows every member; a char array up to its NUL is a string" {
	format types union:value "$(data_of types g_value 8)"
	expect_status 0
	[[ $output == '{"u64":42,"s32":[42,0],"bytes":"*","halves":{"lo":42,"hi":0},"bits":"0x2a"}' ]]
}

@test "enums by name; an 8-byte enum clang 14 truncated shows the number, as bpftool" {
	format types enum:color "$(data_of types g_color 4)"
	[[ $output == '"BLUE"' ]]
	format types enum:big "$(data_of types g_big 8)"
	[[ $output == 4294967296 ]]
}

@test "a value one byte short is refused and nothing is written" {
	local hex
	hex=$(ref_hex value)
	format typed_value struct:stats "${hex:0:78}"
	expect_status 1
	[[ -z $output ]]
	[[ $stderr == *"needs 40 bytes at offset 0, 39 there"* ]]
}

@test "a DATASEC as clang leaves it (no size, offsets not laid out) is refused, not misread" {
	format typed_value datasec:.data "$(hex_of "$BATS_FILE_TMPDIR/typed_value.data")"
	expect_status 1
	[[ -z $output ]]
	[[ $stderr == *"DATASEC '.data'"*"lies past its end"* ]]
}
