#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""tcp_cc_traffic.py CC [MB]: one loopback TCP connection whose sender uses
the congestion control CC (TCP_CONGESTION), sending MB MiB (default 16).
Prints the congestion control the socket reports, then the bytes received.
Exits 2 with the reason on stderr when the kernel refuses CC."""
import socket
import sys
import threading

cc = sys.argv[1].encode()
total = int(sys.argv[2]) if len(sys.argv) > 2 else 16
s = socket.socket()
try:
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, cc)
except OSError as e:
    print(f"setsockopt(TCP_CONGESTION, {cc.decode()}): {e.strerror}", file=sys.stderr)
    sys.exit(2)
srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(1)
got = [0]


def sink():
    c, _ = srv.accept()
    while True:
        b = c.recv(1 << 16)
        if not b:
            break
        got[0] += len(b)
    c.close()


t = threading.Thread(target=sink, daemon=True)
t.start()
s.settimeout(30)
s.connect(srv.getsockname())
print(s.getsockopt(socket.IPPROTO_TCP, socket.TCP_CONGESTION, 16).rstrip(b"\0").decode())
buf = b"x" * (1 << 20)
for _ in range(total):
    s.sendall(buf)
s.close()
t.join(30)
print(got[0])
