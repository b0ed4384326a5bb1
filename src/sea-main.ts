// Entry of the standalone executable: Node's SEA keeps the usual argv shape
// ([executable, executable as typed, ...arguments]).
import { main } from './main.js';

void main(process.argv);
