// How commands appear in the low-level protocol trace: secrets masked (DESIGN invariant 5).
import type { Pop3Command } from '../codec/commands.ts';

/** The command as the trace shows it: secrets masked (DESIGN invariant 5). */
export function traceOf(command: Pop3Command, line: Buffer): string {
  switch (command.verb) {
    case 'PASS':
      return 'PASS ***';
    case 'APOP':
      return `APOP ${command.name} ***`;
    case 'AUTH':
      return command.initialResponse === null ? `AUTH ${command.mechanism ?? ''}`.trimEnd() : `AUTH ${command.mechanism} ***`;
    default:
      return line.toString('utf8');
  }
}
