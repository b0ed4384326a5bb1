#!/usr/bin/env node
// Thin launcher: everything lives in the built CLI.
import('../dist/main.js').then((m) => m.main(process.argv));
