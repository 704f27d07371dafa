// The Sieve subset's public face: compile a rules file (errors name line and column), run it on a message.
export { compileSieve } from './compile.ts';
export { runSieve, type SieveDelivery, type SieveOutcome } from './interpret.ts';
export { sieveMessage, sieveMessageOf, type SieveEnvelope, type SieveMessage } from './message.ts';
export { SieveError } from './errors.ts';
export type { SieveProgram } from './program.ts';
