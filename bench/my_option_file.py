#!/usr/bin/env python3
"""Prints a MariaDB client option file ([client] section) for a mysql:// URL, so that the
bench scripts pass credentials to `mariadb --defaults-file` and never on a command line.

    python3 bench/my_option_file.py mysql://user:pass@host:port/db > my.cnf
"""
import sys
import urllib.parse

u = urllib.parse.urlsplit(sys.argv[1])
print("[client]")
print(f"host={u.hostname or '127.0.0.1'}")
if u.port:
    print(f"port={u.port}")
if u.username:
    print(f"user={urllib.parse.unquote(u.username)}")
if u.password:
    print(f"password={urllib.parse.unquote(u.password)}")
sock = urllib.parse.parse_qs(u.query).get("unix_socket")
if sock:
    print(f"socket={sock[0]}")
