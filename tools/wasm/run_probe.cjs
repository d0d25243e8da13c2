// Runs tools/wasm/probe.py on the engine under pyodide in Node, offline.
// Usage: node run_probe.cjs CACHE_DIR ENGINE_ZIP [PROBE_ARGS...]
// CACHE_DIR is the folder tools/wasm/prepare.py filled; ENGINE_ZIP holds escape_game/,
// levels/ and probe.py. The probe's JSON answer is the only thing written to stdout;
// pyodide's own messages and Python's prints go to stderr.
"use strict";
const fs = require("fs");
const path = require("path");

async function main() {
  const [cache, engineZip, ...probeArgs] = process.argv.slice(2);
  const { loadPyodide } = require(path.resolve(cache, "node_modules", "pyodide"));
  const manifest = JSON.parse(fs.readFileSync(path.join(cache, "manifest.json"), "utf8"));
  const toStderr = (line) => process.stderr.write(line + "\n");
  const py = await loadPyodide({
    indexURL: path.resolve(cache, "node_modules", "pyodide") + path.sep,
    stdout: toStderr,
    stderr: toStderr,
  });
  const wheels = manifest.wheels.map((name) => path.resolve(cache, "wheels", name));
  await py.loadPackage(wheels, { messageCallback: toStderr, errorCallback: toStderr });
  py.unpackArchive(new Uint8Array(fs.readFileSync(engineZip)), "zip", { extractDir: "/engine" });
  py.globals.set("probe_args", py.toPy(probeArgs));
  const answer = py.runPython(`
import os, sys
os.chdir("/engine")
sys.path.insert(0, "/engine")
import probe
probe.main(list(probe_args))
`);
  process.stdout.write(answer + "\n");
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error) + "\n");
  process.exit(1);
});
