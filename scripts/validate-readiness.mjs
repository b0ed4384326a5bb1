#!/usr/bin/env node
// `npm run validate-readiness [-- --learners N --seed S --bank DIR]`: simulated learners study through the
// real draw and store; the real estimator reads their history; each then sits an unseen held-out form.
// The harness is TypeScript (scripts/readiness/), bundled and run here. See the README for the figures.
import { runTs } from './run-ts.mjs';

await runTs('scripts/readiness/main.ts');
