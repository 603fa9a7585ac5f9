#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Read the DOT text of "prog dump xlated visual" (bpfctl's or bpftool's).

dot_graph.py check FILE        parse FILE as DOT (the subset bpftool
                               writes: digraph, subgraphs, attributes,
                               nodes, edges with ports); check every edge
                               joins nodes of its own cluster, every record
                               label has balanced braces; print a summary
dot_graph.py canon FILE        print the graph canonically: per cluster,
                               per node its instruction rows, then edges.
                               Rows lose what bpftool 7.1 does not print
                               (source annotations, callee names after
                               "call pc+N#") and the padding of their
                               numbers, which 7.1 pads to four columns.
dot_graph.py as71 FILE         print bpfctl's graph FILE as bpftool 7.1
                               prints it: rows without the annotations
                               and callee names 7.1 lacks, numbers in four
                               columns, " | " between rows, none after "{".
                               The rest must then be byte for byte 7.1's.
"""
import re
import sys

TOKEN = re.compile(r'\s*(?:(?P<str>"(?:[^"\\]|\\.)*")|(?P<arrow>->)|(?P<id>[A-Za-z0-9_.]+)'
                   r'|(?P<punct>[{}\[\];,=:]))', re.S)


def tokens(text):
    pos = 0
    out = []
    while True:
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos == len(text):
            return out
        m = TOKEN.match(text, pos)
        if not m:
            raise SyntaxError(f"bad DOT at offset {pos}: {text[pos:pos + 20]!r}")
        kind = m.lastgroup
        val = m.group(kind)
        out.append((kind, val[1:-1] if kind == 'str' else val))
        pos = m.end()


class Parser:
    def __init__(self, toks):
        self.t = toks
        self.i = 0

    def peek(self, k=0):
        return self.t[self.i + k] if self.i + k < len(self.t) else (None, None)

    def take(self, val=None):
        kind, v = self.peek()
        if kind is None or (val is not None and v != val):
            raise SyntaxError(f"expected {val!r}, got {v!r} at token {self.i}")
        self.i += 1
        return v

    def ident(self):
        kind, v = self.peek()
        if kind not in ('id', 'str'):
            raise SyntaxError(f"expected an ID, got {v!r} at token {self.i}")
        self.i += 1
        return v

    def attrs(self):
        out = {}
        self.take('[')
        while self.peek()[1] != ']':
            k = self.ident()
            self.take('=')
            out[k] = self.ident()
            if self.peek()[1] == ',':
                self.take(',')
        self.take(']')
        return out

    def node_id(self):
        name = self.ident()
        port = None
        if self.peek()[1] == ':':
            self.take(':')
            port = self.ident()
        return name, port

    def stmts(self, graph, cluster):
        while self.peek()[1] != '}':
            if self.peek()[1] == 'subgraph':
                self.take('subgraph')
                name = self.ident()
                sub = {'name': name, 'attrs': {}, 'nodes': {}, 'edges': []}
                graph['clusters'].append(sub)
                self.take('{')
                self.stmts(graph, sub)
                self.take('}')
                continue
            if self.peek(1)[1] == '=':
                k = self.ident()
                self.take('=')
                cluster['attrs'][k] = self.ident()
            else:
                src = self.node_id()
                if self.peek()[0] == 'arrow':
                    self.take('->')
                    dst = self.node_id()
                    attrs = self.attrs() if self.peek()[1] == '[' else {}
                    cluster['edges'].append((src, dst, attrs))
                else:
                    attrs = self.attrs() if self.peek()[1] == '[' else {}
                    cluster['nodes'][src[0]] = attrs
            if self.peek()[1] == ';':
                self.take(';')


def parse(text):
    p = Parser(tokens(text))
    p.take('digraph')
    graph = {'name': p.ident(), 'clusters': []}
    top = {'name': None, 'attrs': {}, 'nodes': {}, 'edges': []}
    p.take('{')
    p.stmts(graph, top)
    p.take('}')
    if p.i != len(p.t):
        raise SyntaxError("text after the graph")
    if top['nodes'] or top['edges']:
        raise SyntaxError("nodes outside clusters")
    return graph


def label_rows(label):
    """The rows of a record label, each a list of its lines, unescaped."""
    if not (label.startswith('{') and label.endswith('}')):
        raise SyntaxError(f"record label not in braces: {label[:40]!r}")
    body = label[1:-1]
    rows, row, i = [], '', 0
    while i < len(body):
        c = body[i]
        if c == '\\' and i + 1 < len(body):
            row += body[i:i + 2]
            i += 2
            continue
        if c in '{}':
            raise SyntaxError(f"unescaped brace in a row: {body[:60]!r}")
        if c == '|':
            rows.append(row)
            row = ''
        else:
            row += c
        i += 1
    rows.append(row)
    out = []
    for r in rows:
        lines = [ln.strip() for ln in re.split(r'\\l\\?\n?|\\\n', r)]
        lines = [re.sub(r'\\(.)', r'\1', ln) for ln in lines if ln.strip()]
        out.append(lines)
    return out


def check(graph):
    nodes = 0
    for c in graph['clusters']:
        for name, attrs in c['nodes'].items():
            nodes += 1
            if attrs.get('shape') == 'record':
                label_rows(attrs['label'])
        for (src, _), (dst, _), _ in c['edges']:
            if src not in c['nodes'] or dst not in c['nodes']:
                raise SyntaxError(f"edge {src} -> {dst} leaves its cluster")
    edges = sum(len(c['edges']) for c in graph['clusters'])
    print(f"clusters={len(graph['clusters'])} nodes={nodes} edges={edges}")


def canon(graph):
    for c in graph['clusters']:
        print(f"cluster {c['name']} {c['attrs'].get('label')}")
        for name, attrs in c['nodes'].items():
            if attrs.get('shape') != 'record':
                print(f"  {name} {attrs.get('shape')} {attrs.get('label')}")
                continue
            print(f"  {name}")
            for row in label_rows(attrs['label']):
                for ln in row:
                    if ln.startswith('; '):
                        continue
                    ln = re.sub(r'^(\d+): ', r'\1: ', ln)
                    ln = re.sub(r'(call pc[+-]\d+)#\S+', r'\1', ln)
                    print(f"    {ln}")
        for (src, sp), (dst, dp), attrs in c['edges']:
            print(f"  {src}:{sp} -> {dst}:{dp} {sorted(attrs.items())}")


def as71_label(m):
    rows = []
    for ln in m.group(1).split('\n'):
        if ln.startswith('| '):
            ln = ln[2:]
        if not ln or ln.startswith('; '):
            continue
        num, text = ln.split(': ', 1)
        text = re.sub(r'(call pc[+-]\d+)#.*?(\\l\\)$', r'\1\2', text)
        rows.append('%4d: %s' % (int(num), text))
    return 'label="{' + '\n | '.join(rows) + '\n}"'


def as71(text):
    return re.sub(r'label="\{\\\n(.*?)\}"', as71_label, text, flags=re.S)


def main():
    mode, path = sys.argv[1], sys.argv[2]
    with open(path) as f:
        text = f.read()
    if mode == 'as71':
        sys.stdout.write(as71(text))
        return
    graph = parse(text)
    if mode == 'check':
        check(graph)
    else:
        canon(graph)


if __name__ == '__main__':
    try:
        main()
    except SyntaxError as e:
        print(f"{sys.argv[2]}: {e}", file=sys.stderr)
        sys.exit(1)
