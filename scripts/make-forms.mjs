#!/usr/bin/env node
// `node scripts/make-forms.mjs [--bank questions] [--count 2] [--seed mrso-forms-1] [--force]`:
// draw the held-out mock forms once, by blueprint weight (modules and domains), never numeric items,
// reproducibly from the seed, and write BANK/forms.yaml (never over an existing one without --force).
import { runTs } from './run-ts.mjs';

await runTs('scripts/forms/main.ts');
