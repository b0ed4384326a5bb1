// Entry of the standalone executable: Node's SEA keeps the usual argv shape
// ([executable, executable as typed, ...arguments]).
import { markStandaloneEntry } from './files/embedded.js';
import { main } from './main.js';

markStandaloneEntry();
void main(process.argv);
