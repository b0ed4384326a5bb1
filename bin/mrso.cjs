#!/usr/bin/env node
// Thin launcher: everything lives in the built CLI (dist/, CommonJS for a faster start; see scripts/build.mjs).
'use strict';
const { enableCompileCache } = require('node:module');

const debug = process.argv.includes('--debug') || process.env.MRSO_DEBUG === '1';
// Compiled code is kept on disk between runs (a faster start): by Node itself from 22.1 on, by mrso on older Node.
// MRSO_CODE_CACHE=0 turns mrso's off (to measure it); --debug too, so that stack traces map as usual.
if (enableCompileCache) enableCompileCache();
else if (!debug && process.env.MRSO_CODE_CACHE !== '0') {
  const dist = require('node:path').join(__dirname, '..', 'dist');
  require('../dist/code-cache.cjs').startCodeCache(process.argv, dist);
}
// dist/ is minified: with --debug, stack traces name the TypeScript sources instead.
if (debug) process.setSourceMapsEnabled(true);
void require('../dist/main.cjs').main(process.argv);
