#!/usr/bin/env node
// Thin launcher: everything lives in the built CLI.
import module from 'node:module';

// Node 22.1+ keeps compiled code on disk between runs (a faster start); older Node skips it.
module.enableCompileCache?.();
const { main } = await import('../dist/main.js');
await main(process.argv);
