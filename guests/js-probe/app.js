// js-probe: a wasi:cli/command component made with componentize-js.
//
// js-probe [ARG]... [upper IN OUT] [exit N] prints its arguments, the value of GREETING and the
// length of all of stdin; `upper IN OUT` reads IN from a preopened directory and writes OUT in
// ASCII upper case; `exit N` ends the program with status N through wasi:cli/exit#exit-with-code.
// It writes one line to stderr. Everything but console output goes through the WASI imports.

import { getArguments, getEnvironment } from 'wasi:cli/environment@0.2.12';
import { exitWithCode } from 'wasi:cli/exit@0.2.12';
import { getStdin } from 'wasi:cli/stdin@0.2.12';
import { getDirectories } from 'wasi:filesystem/preopens@0.2.12';

// Reads an input-stream to its end.
function readAll(stream) {
  const chunks = [];
  let total = 0;
  for (;;) {
    let chunk;
    try {
      chunk = stream.blockingRead(65536n);
    } catch (e) {
      if (e.payload?.tag === 'closed' || e.tag === 'closed') break;
      throw e;
    }
    chunks.push(chunk);
    total += chunk.length;
  }
  const all = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    all.set(c, at);
    at += c.length;
  }
  return all;
}

// Finds the preopened directory holding PATH: [descriptor, path relative to it].
function resolve(path) {
  for (const [dir, guest] of getDirectories()) {
    const prefix = guest.endsWith('/') ? guest : guest + '/';
    if (path.startsWith(prefix)) return [dir, path.slice(prefix.length)];
  }
  throw new Error(`${path}: not in a preopened directory`);
}

function upper(src, dst) {
  const [inDir, inPath] = resolve(src);
  const input = inDir.openAt({ symlinkFollow: false }, inPath, {}, { read: true });
  const text = readAll(input.readViaStream(0n));
  const out = text.map((b) => (b >= 0x61 && b <= 0x7a ? b - 0x20 : b));
  const [outDir, outPath] = resolve(dst);
  const output = outDir.openAt(
    { symlinkFollow: false },
    outPath,
    { create: true, truncate: true },
    { write: true },
  );
  let at = 0;
  while (at < out.length) {
    at += Number(output.write(out.subarray(at), BigInt(at)));
  }
  return text.length;
}

export const run = {
  run() {
    const args = getArguments();
    console.log(`argc: ${args.length}`);
    for (let i = 1; i < args.length; i++) console.log(`arg[${i}]: ${args[i]}`);
    const greeting = getEnvironment().find(([k]) => k === 'GREETING');
    console.log(`GREETING: ${greeting ? greeting[1] : '(unset)'}`);
    const input = readAll(getStdin());
    console.log(`stdin: ${input.length} bytes`);

    let status = 0;
    for (let i = 1; i < args.length; i++) {
      if (args[i] === 'upper' && i + 2 < args.length) {
        const n = upper(args[i + 1], args[i + 2]);
        console.log(`wrote ${args[i + 2]}: ${n} bytes`);
        i += 2;
      } else if (args[i] === 'exit' && i + 1 < args.length) {
        status = parseInt(args[i + 1], 10);
        i += 1;
      }
    }
    console.error(`js-probe: done, exit ${status}`);
    if (status !== 0) exitWithCode(status);
  },
};
