// Opens a file source or target from its spec (see spec.ts).
import { stat } from 'node:fs/promises';
import { EmlSource } from './eml/reader.ts';
import { EmlTarget } from './eml/writer.ts';
import { MaildirSource } from './maildir/reader.ts';
import { MaildirTarget } from './maildir/writer.ts';
import { MboxSource, type MboxVariant } from './mbox/reader.ts';
import { MboxTarget } from './mbox/writer.ts';
import { FormatSpecError, parseFormatSpec, type FormatSpec } from './spec.ts';
import type { MailSource, MailTarget, ReaderOptions } from './types.ts';

export interface OpenSourceOptions extends ReaderOptions {
  /** mbox quoting convention; mboxrd when omitted */
  mboxVariant?: MboxVariant;
}

async function kindOfPath(path: string): Promise<'file' | 'directory' | 'missing'> {
  try {
    return (await stat(path)).isDirectory() ? 'directory' : 'file';
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}

/** Opens a source; fails with one clear line when the path does not exist or has the wrong kind. */
export async function openSource(specText: string, options: OpenSourceOptions = {}): Promise<MailSource> {
  const spec = parseFormatSpec(specText);
  const kind = await kindOfPath(spec.path);
  if (kind === 'missing') throw new FormatSpecError(`${spec.canonical}: no such file or directory`);
  switch (spec.kind) {
    case 'maildir':
      if (kind !== 'directory') throw new FormatSpecError(`${spec.canonical}: a Maildir must be a directory`);
      return new MaildirSource(spec.path, options);
    case 'eml':
      if (kind !== 'directory') throw new FormatSpecError(`${spec.canonical}: an EML source must be a directory of .eml files`);
      return new EmlSource(spec.path, options);
    case 'mbox':
      return new MboxSource(spec.path, { ...options, directory: kind === 'directory', variant: options.mboxVariant });
  }
}

/** The spec of a target, with `directory` telling whether an mbox target is one file per folder. */
export async function resolveTargetSpec(specText: string): Promise<FormatSpec> {
  const spec = parseFormatSpec(specText);
  if (spec.kind === 'mbox' && !spec.directory && (await kindOfPath(spec.path)) === 'directory') {
    return { ...spec, directory: true, canonical: `${spec.canonical}/` };
  }
  return spec;
}

export function openTarget(spec: FormatSpec, options: ReaderOptions = {}): MailTarget {
  switch (spec.kind) {
    case 'maildir':
      return new MaildirTarget(spec.path, options);
    case 'eml':
      return new EmlTarget(spec.path);
    case 'mbox':
      return new MboxTarget(spec.path, { directory: spec.directory });
  }
}
