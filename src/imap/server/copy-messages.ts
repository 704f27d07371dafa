// COPY and MOVE share this: the destination must exist ([TRYCREATE], RFC 3501 §6.4.7), the store copies the
// rows (same blobs) and returns the UID pairs for COPYUID (RFC 4315 §3).
import { codes, type CopyCommand, type ResponseCode } from '../codec/index.ts';
import { no, type CommandResult, type SessionContext } from './command.ts';
import { resolveUids } from './message-set.ts';
import type { SelectedState } from './state.ts';

export type CopyOutcome = { kind: 'done'; moved: number[]; copyUid: ResponseCode | undefined } | { kind: 'failed'; result: CommandResult };

export async function copyMessages(session: SessionContext, command: CopyCommand, state: SelectedState): Promise<CopyOutcome> {
  const { store } = session.services;
  const uids = resolveUids(state.mailbox, command.sequence, command.uid);
  const target = await store.getFolder(state.account.id, command.mailbox.name);
  if (!target) return { kind: 'failed', result: no(`Mailbox "${command.mailbox.name}" does not exist.`, codes.tryCreate()) };
  if (uids.length === 0) return { kind: 'done', moved: [], copyUid: undefined };
  const pairs = await store.copyMessages(state.mailbox.folderId, uids, target.id);
  const copyUid = pairs.length > 0 ? codes.copyUid(target.uidValidity, pairs.map((p) => p[0]), pairs.map((p) => p[1])) : undefined;
  return { kind: 'done', moved: pairs.map((p) => p[0]), copyUid };
}
