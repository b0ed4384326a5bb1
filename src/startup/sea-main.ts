// Entry of the standalone executable: Node's SEA keeps the usual argv shape
// ([executable, executable as typed, ...arguments]).
import { markStandaloneEntry } from './sea.js';
import { main } from '../main.js';

markStandaloneEntry();
void main(process.argv);
