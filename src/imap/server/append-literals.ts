// The literals of an APPEND as they arrive, before the command itself runs (RFC 3501 §6.3.11, RFC 3502): large
// ones are staged into the blob store chunk by chunk (literal-staging.ts) and kept here by their index in the
// command until APPEND takes them; whatever the command does not take is aborted after it. Also the check made
// before a synchronising literal is accepted: a missing mailbox is refused with [TRYCREATE] up front.
import { codes, parseAppendProgress, type FramedCommand } from '../codec/index.ts';
import type { Logger } from '../../log/logger.ts';
import type { StagedMessage } from '../../store/ingest.ts';
import type { Store } from '../../store/store.ts';
import type { Account } from '../../store/types.ts';
import type { CommandResult } from './command.ts';
import { resultForError } from './errors.ts';
import { LiteralStaging } from './literal-staging.ts';

export class AppendLiterals {
  private readonly staged = new Map<number, StagedMessage>();
  private staging: LiteralStaging | null = null;

  constructor(private readonly store: Store, private readonly log: Logger) {}

  start(): void {
    this.staging = new LiteralStaging(this.store.blobs);
  }

  async chunk(data: Buffer): Promise<void> {
    await this.staging?.write(data);
  }

  async end(): Promise<void> {
    const staging = this.staging;
    this.staging = null;
    if (!staging) return;
    try {
      this.staged.set(this.staged.size, await staging.finish());
    } catch (error) {
      this.log.problems({ err: error }, 'staging an APPEND literal failed');
    }
  }

  take(index: number): StagedMessage | undefined {
    const staged = this.staged.get(index);
    this.staged.delete(index);
    return staged;
  }

  /** Aborts every literal not taken (the command ended, failed, or the connection went away). */
  async discard(): Promise<void> {
    const staging = this.staging;
    this.staging = null;
    await staging?.abort();
    for (const staged of this.staged.values()) await staged.writer.abort().catch(() => undefined);
    this.staged.clear();
  }
}

/** RFC 3501 §6.3.11: a missing mailbox is refused with [TRYCREATE] before the message is sent. */
export async function checkAppendTarget(store: Store, log: Logger, head: FramedCommand, account: Account): Promise<CommandResult | null> {
  try {
    const progress = parseAppendProgress(head);
    const folder = await store.getFolder(account.id, progress.mailbox.name);
    if (!folder) return { condition: 'NO', text: `Mailbox "${progress.mailbox.name}" does not exist`, code: codes.tryCreate() };
    return null;
  } catch (error) {
    return resultForError(error, log, 'APPEND');
  }
}

/** The upper-case command word of a command head, looking through "UID". */
export function commandWord(head: FramedCommand): string {
  const first = head.parts[0];
  if (!first || first.kind !== 'text') return '';
  const words = first.data.toString('latin1', 0, Math.min(first.data.length, 64)).split(' ');
  const name = (words[1] ?? '').toUpperCase();
  return name === 'UID' ? (words[2] ?? '').toUpperCase() : name;
}
