// Flags a destination folder can hold: the five system flags of RFC 3501 §2.3.2 and the keywords its policy
// accepts (PERMANENTFLAGS, Maildir's 26 letters, atoms only). A keyword that cannot be stored is reported
// once per folder — never silently dropped (DESIGN requirement 6).
import type { KeywordPolicy } from '../endpoints/endpoint.ts';
import { flagKey, isSystemFlag } from '../endpoints/keywords.ts';

const SYSTEM_FLAGS = new Set(['\\seen', '\\answered', '\\flagged', '\\deleted', '\\draft']);

export class FlagFilter {
  /** flag → why it was left out */
  readonly dropped = new Map<string, string>();

  constructor(private readonly policy: KeywordPolicy, private readonly onDrop: (flag: string, reason: string) => void) {}

  accepts(flag: string): boolean {
    if (isSystemFlag(flag)) return SYSTEM_FLAGS.has(flagKey(flag));
    return this.policy.accepts(flag);
  }

  filter(flags: readonly string[]): string[] {
    const kept: string[] = [];
    for (const flag of flags) {
      if (flagKey(flag) === '\\recent') continue; // session state, never stored
      if (this.accepts(flag)) {
        kept.push(flag);
        continue;
      }
      if (!this.dropped.has(flagKey(flag))) {
        const reason = isSystemFlag(flag) ? 'not a system flag the destination knows' : `the destination folder stores ${this.policy.describe}`;
        this.dropped.set(flagKey(flag), reason);
        this.onDrop(flag, reason);
      }
    }
    return kept;
  }
}
