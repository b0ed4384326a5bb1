#!/usr/bin/env node
// Thin launcher: everything lives in the built CLI (dist/, CommonJS for a faster start; see scripts/build.mjs).
'use strict';

// Compiled code is kept between runs, in a private per-user folder only (src/startup/code-cache.ts).
require('../dist/startup.cjs').startCodeCache(process.argv, require('node:path').join(__dirname, '..', 'dist'));
// dist/ is minified: with --debug, stack traces name the TypeScript sources instead.
if (process.argv.includes('--debug') || process.env.MRSO_DEBUG === '1') process.setSourceMapsEnabled(true);
void require('../dist/main.cjs').main(process.argv);
