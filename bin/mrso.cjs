#!/usr/bin/env node
// Thin launcher: everything lives in the built CLI (dist/, CommonJS for a faster start; see scripts/build.mjs).
'use strict';

// Node's compile cache, in a private per-user folder only (src/startup/compile-cache.ts); Node 20 has none.
if (require('node:module').enableCompileCache) require('../dist/startup.cjs').startCompileCache();
// dist/ is minified: with --debug, stack traces name the TypeScript sources instead.
if (process.argv.includes('--debug') || process.env.MRSO_DEBUG === '1') process.setSourceMapsEnabled(true);
void require('../dist/main.cjs').main(process.argv);
