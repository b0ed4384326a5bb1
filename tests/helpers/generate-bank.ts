export { generateBank } from '../../scripts/generate-bank.mjs';
