#!/usr/bin/env node
// Thin launcher: everything lives in the built CLI (dist/, CommonJS for a faster start; see scripts/build.mjs).
'use strict';
const { enableCompileCache } = require('node:module');

// Node 22.1+ keeps compiled code on disk between runs (a faster start); older Node skips it.
enableCompileCache?.();
// dist/ is minified: with --debug, stack traces name the TypeScript sources instead.
if (process.argv.includes('--debug') || process.env.MRSO_DEBUG === '1') process.setSourceMapsEnabled(true);
void require('../dist/main.cjs').main(process.argv);
