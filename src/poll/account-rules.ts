// Each local account's delivery rules, compiled once per poll. A script was checked when it was uploaded; one
// that no longer compiles (a newer, stricter checker) is reported once and the account's mail is kept in INBOX.
import type { Logger } from '../log/logger.ts';
import { compileSieve, type SieveProgram } from '../sieve/index.ts';
import type { Store } from '../store/store.ts';
import type { Account } from '../store/types.ts';

export class AccountRules {
  private readonly programs = new Map<number, Promise<SieveProgram | null>>();

  constructor(private readonly store: Store, private readonly logger: Logger) {}

  /** the compiled rules, or null when the account has none (or they do not compile) */
  program(account: Account): Promise<SieveProgram | null> {
    let program = this.programs.get(account.id);
    if (!program) {
      program = this.load(account);
      this.programs.set(account.id, program);
    }
    return program;
  }

  private async load(account: Account): Promise<SieveProgram | null> {
    const rules = await this.store.rules.get(account.id);
    if (!rules) return null;
    try {
      return compileSieve(rules.script);
    } catch (error) {
      this.logger.problems({ account: account.address }, `delivery rules of ${account.address} do not compile (${(error as Error).message}): mail is kept in INBOX`);
      return null;
    }
  }
}
