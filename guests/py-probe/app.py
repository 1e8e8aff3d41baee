"""py-probe: a wasi:cli/command component made with componentize-py.

py-probe [ARG]... [upper IN OUT] [exit N] prints its arguments, the value of GREETING and the
length of all of stdin; `upper IN OUT` reads IN and writes OUT in ASCII upper case; `exit N` ends
the program with status N through wasi:cli/exit#exit-with-code (stable since WASI 0.2.12). It
writes one line to stderr.
"""

import os
import sys

from wit_world import exports
from wit_world.imports import exit as wasi_exit


class Run(exports.Run):
    def run(self) -> None:
        args = sys.argv
        print(f"argc: {len(args)}")
        for i, arg in enumerate(args[1:], start=1):
            print(f"arg[{i}]: {arg}")
        print(f"GREETING: {os.environ.get('GREETING', '(unset)')}")
        data = sys.stdin.buffer.read()
        print(f"stdin: {len(data)} bytes")

        status = 0
        i = 1
        while i < len(args):
            if args[i] == "upper" and i + 2 < len(args):
                src, dst = args[i + 1], args[i + 2]
                with open(src, "rb") as f:
                    text = f.read()
                with open(dst, "wb") as f:
                    f.write(text.upper())
                print(f"wrote {dst}: {len(text)} bytes")
                i += 3
            elif args[i] == "exit" and i + 1 < len(args):
                status = int(args[i + 1])
                i += 2
            else:
                i += 1
        sys.stdout.flush()
        print(f"py-probe: done, exit {status}", file=sys.stderr)
        sys.stderr.flush()
        if status != 0:
            wasi_exit.exit_with_code(status)
