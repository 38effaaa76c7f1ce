#!/usr/bin/env node
// A stable entry that exists before the first build, so package managers can
// link the command in a fresh workspace; the CLI itself lives in dist/.
import "../dist/cli.js";
