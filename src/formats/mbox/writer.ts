// Writes mboxrd: a From line with the INTERNALDATE, our marker and flag headers (see flag-headers.ts), the
// message with every /^>*From / line quoted once more, a newline if the message lacked a final one, and the
// blank separator line (RFC 4155 §2). The message streams through; the marker's final-newline byte is set in
// place once the end is seen. A file target receives every message it is given (the export sends it one
// folder); a directory target gets one file per folder in Thunderbird's layout (see folders.ts).
// Each file is fsynced when the writer moves to another file and at close.
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { MailTarget, OutgoingMessage } from '../types.ts';
import { requoteFromLines } from './escape.ts';
import { FINAL_NEWLINE_FLAG_FROM_END, formatFlagHeaders, formatMarker } from './flag-headers.ts';
import { fileOfFolder } from './folders.ts';
import { formatFromLine } from './from-line.ts';

const LF = 0x0a;
const WRITE_BUFFER = 256 * 1024;

export interface MboxWriterOptions {
  /** the path is a directory: one mbox file per folder */
  directory: boolean;
}

interface OpenFile {
  path: string;
  handle: FileHandle;
  /** where the next byte goes (the file end) */
  position: number;
}

export class MboxTarget implements MailTarget {
  readonly spec: string;
  private current?: OpenFile;

  constructor(private readonly path: string, private readonly options: MboxWriterOptions) {
    this.spec = `mbox:${path}${options.directory ? '/' : ''}`;
  }

  private async fileFor(folder: string): Promise<OpenFile> {
    const path = this.options.directory ? join(this.path, fileOfFolder(folder)) : this.path;
    if (this.current?.path === path) return this.current;
    await this.closeCurrent();
    await mkdir(dirname(path), { recursive: true });
    await (await open(path, 'a', 0o600)).close();
    // positional writes (not O_APPEND) so the marker byte can be set after the message is streamed
    const handle = await open(path, 'r+');
    this.current = { path, handle, position: (await handle.stat()).size };
    return this.current;
  }

  private async closeCurrent(): Promise<void> {
    const current = this.current;
    if (current === undefined) return;
    this.current = undefined;
    try {
      await current.handle.sync();
    } finally {
      await current.handle.close();
    }
  }

  private async append(file: OpenFile, data: Buffer): Promise<void> {
    let offset = 0;
    while (offset < data.length) {
      const { bytesWritten } = await file.handle.write(data, offset, data.length - offset, file.position);
      offset += bytesWritten;
      file.position += bytesWritten;
    }
  }

  /** an empty mbox file; a file target holds one folder and has nothing to create */
  async createFolder(folder: string): Promise<void> {
    if (this.options.directory) await this.fileFor(folder);
  }

  async write(message: OutgoingMessage): Promise<void> {
    const file = await this.fileFor(message.folder);
    const flagHeaders = formatFlagHeaders(message.flags);
    const marker = formatMarker({ added: flagHeaders.names, finalNewline: true });
    const fromLine = formatFromLine(message.internalDate);
    const flagPosition = file.position + Buffer.byteLength(fromLine) + Buffer.byteLength(marker) - FINAL_NEWLINE_FLAG_FROM_END;
    const pending: Buffer[] = [Buffer.from(fromLine + marker + flagHeaders.lines.join(''))];
    let pendingBytes = pending[0]!.length;
    let lastByte = -1;
    for await (const chunk of requoteFromLines(message.body, 'escape')) {
      if (chunk.length === 0) continue;
      lastByte = chunk[chunk.length - 1]!;
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes >= WRITE_BUFFER) {
        await this.append(file, Buffer.concat(pending));
        pending.length = 0;
        pendingBytes = 0;
      }
    }
    const finalNewline = lastByte === LF;
    pending.push(Buffer.from(finalNewline ? '\n' : '\n\n'));
    await this.append(file, Buffer.concat(pending));
    if (!finalNewline) await file.handle.write(Buffer.from('n'), 0, 1, flagPosition);
  }

  async close(): Promise<void> {
    await this.closeCurrent();
  }
}
