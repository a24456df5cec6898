#!/usr/bin/env python3
"""Run flawfinder (the installed script) with every text file it opens decoded as
ISO-8859-1. Under Python 3, flawfinder opens sources in the locale's encoding (UTF-8)
and gives up on the first file that is not valid UTF-8 (busybox has Latin-1 sources),
so its run would stop part-way. Latin-1 decodes every byte; the ASCII text that
flawfinder's lexer looks at is unchanged. Usage: flawfinder-latin1.py FLAWFINDER [ARG...]
"""
import builtins
import runpy
import sys

_open = builtins.open


def _latin1_open(file, mode="r", *args, **kw):
    if "b" not in mode and len(args) < 2 and "encoding" not in kw:
        kw["encoding"] = "latin-1"
    return _open(file, mode, *args, **kw)


builtins.open = _latin1_open
if len(sys.argv) < 2:
    sys.exit("usage: flawfinder-latin1.py FLAWFINDER [ARG...]")
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name="__main__")
