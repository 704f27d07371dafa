// Our Maildir and mbox files as a real Dovecot reads and writes them: folders, flags, keywords, dates, bytes.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ImapFlow } from 'imapflow';
import { MaildirSource } from '../../src/formats/maildir/reader.ts';
import { MaildirTarget } from '../../src/formats/maildir/writer.ts';
import { MboxSource } from '../../src/formats/mbox/reader.ts';
import { MboxTarget } from '../../src/formats/mbox/writer.ts';
import type { MailItem } from '../../src/formats/types.ts';
import { startDovecot, type DovecotInstance } from '../helpers/dovecot.ts';
import { chunked, collect } from './samples.ts';

const PASSWORD = 'secret-pw';

async function items(source: AsyncIterable<MailItem>): Promise<MailItem[]> {
  const out: MailItem[] = [];
  for await (const item of source) out.push(item);
  return out;
}

async function client(dovecot: DovecotInstance, user: string): Promise<ImapFlow> {
  const imap = new ImapFlow({ host: dovecot.host, port: dovecot.imapPort, secure: false, auth: { user, pass: PASSWORD }, logger: false });
  await imap.connect();
  return imap;
}

interface Seen {
  folder: string;
  flags: string[];
  date: number;
  bytes: Buffer;
}

/** every message of every folder as Dovecot serves it; Dovecot's hierarchy separator is '.', ours '/' */
async function readAll(imap: ImapFlow): Promise<Seen[]> {
  const seen: Seen[] = [];
  for (const box of await imap.list()) {
    if (box.flags.has('\\Noselect') || box.flags.has('\\NonExistent')) continue;
    const lock = await imap.getMailboxLock(box.path);
    try {
      if ((imap.mailbox as { exists: number }).exists === 0) continue;
      for await (const message of imap.fetch('1:*', { flags: true, internalDate: true, source: true })) {
        seen.push({
          folder: box.path.split(box.delimiter).join('/'),
          flags: [...(message.flags ?? [])].filter((flag) => flag !== '\\Recent').sort(),
          date: new Date(message.internalDate!).getTime(),
          bytes: message.source!,
        });
      }
    } finally {
      lock.release();
    }
  }
  return seen;
}

const MESSAGES = [
  { folder: 'INBOX', flags: ['\\Seen', 'project-x'], date: '2020-01-02T03:04:05Z', text: 'Subject: one\r\n\r\nFrom here\r\n' },
  { folder: 'Entwürfe', flags: ['\\Draft', '$Forwarded'], date: '2021-02-03T04:05:06Z', text: 'Subject: zwei\r\n\r\n>From there\r\n' },
  { folder: 'Archive/2023', flags: ['\\Answered', '\\Flagged', '\\Seen'], date: '2022-03-04T05:06:07Z', text: 'Subject: drei\r\n\r\nx\r\n' },
  { folder: 'Archive/2023', flags: [], date: '2023-04-05T06:07:08Z', text: 'Subject: vier\r\n\r\n\xe9\r\n' },
];

describe('file formats against a real Dovecot', () => {
  let dovecot: DovecotInstance;
  before(async () => {
    dovecot = await startDovecot({
      users: [{ user: 'writer', password: PASSWORD }, { user: 'reader', password: PASSWORD }],
    });
  });
  after(async () => {
    await dovecot?.stop();
  });

  it('reads a Maildir that Dovecot wrote: folders, flags, keywords, dates and bytes', async () => {
    const imap = await client(dovecot, 'writer');
    try {
      for (const message of MESSAGES) {
        const path = message.folder.split('/').join('.');
        if (message.folder !== 'INBOX') await imap.mailboxCreate(path).catch(() => undefined);
        await imap.append(path, Buffer.from(message.text, 'latin1'), message.flags, new Date(message.date));
      }
    } finally {
      await imap.logout();
    }
    const read = await items(new MaildirSource(dovecot.mailDir('writer')));
    assert.equal(read.length, MESSAGES.length);
    for (const message of MESSAGES) {
      const item = read.find((candidate) => candidate.internalDate.getTime() === new Date(message.date).getTime());
      assert.ok(item, `found ${message.text.slice(0, 14)}`);
      assert.equal(item.folder, message.folder);
      assert.deepEqual([...item.flags].sort(), [...message.flags].sort());
      assert.ok((await collect(item.open())).equals(Buffer.from(message.text, 'latin1')));
    }
  });

  it('writes a Maildir that Dovecot serves with the same folders, flags, keywords, dates and bytes', async () => {
    const root = dovecot.mailDir('reader');
    const target = new MaildirTarget(root);
    for (const message of MESSAGES) {
      await target.write({ folder: message.folder, flags: message.flags, internalDate: new Date(message.date), body: chunked(Buffer.from(message.text, 'latin1')) });
    }
    await target.close();
    execFileSync('chown', ['-R', 'mail:mail', root]);
    const imap = await client(dovecot, 'reader');
    let seen: Seen[];
    try {
      seen = await readAll(imap);
    } finally {
      await imap.logout();
    }
    assert.equal(seen.length, MESSAGES.length);
    for (const message of MESSAGES) {
      const match = seen.find((candidate) => candidate.date === new Date(message.date).getTime());
      assert.ok(match, `Dovecot serves ${message.text.slice(0, 14)}\n${dovecot.log()}`);
      assert.equal(match.folder, message.folder);
      assert.deepEqual(match.flags, [...message.flags].sort());
      assert.ok(match.bytes.equals(Buffer.from(message.text, 'latin1')));
    }
  });
});

describe('mbox files against a real Dovecot', () => {
  let dovecot: DovecotInstance;
  let mboxDir: string;
  before(async () => {
    dovecot = await startDovecot({
      users: [{ user: 'mboxer', password: PASSWORD }],
      // a later mail_location overrides the harness's Maildir one
      extraConfig: 'mail_location = mbox:%h/mbox:INBOX=%h/mbox/INBOX\n',
      mailSaveCrlf: false,
    });
    mboxDir = join(dovecot.mailDir('mboxer'), 'mbox');
  });
  after(async () => {
    await dovecot?.stop();
  });

  it('Dovecot reads our mboxrd with its flags and keywords; we read Dovecot\'s additions back', async () => {
    await mkdir(mboxDir, { recursive: true });
    const target = new MboxTarget(mboxDir, { directory: true });
    // Dovecot's mbox layout wants modified UTF-7 file names and no folder that is both file and directory,
    // so this peer check keeps to plain names (our own layout is tested in mbox.test.ts)
    const plain = [MESSAGES[0]!, { ...MESSAGES[1]!, folder: 'Drafts' }];
    for (const message of plain) {
      await target.write({ folder: message.folder, flags: message.flags, internalDate: new Date(message.date), body: chunked(Buffer.from(message.text, 'latin1')) });
    }
    await target.close();
    execFileSync('chown', ['-R', 'mail:mail', dovecot.mailDir('mboxer')]);
    const imap = await client(dovecot, 'mboxer');
    try {
      const seen = await readAll(imap);
      assert.equal(seen.length, plain.length, dovecot.log());
      for (const message of plain) {
        const match = seen.find((candidate) => candidate.folder === message.folder);
        assert.ok(match);
        // Dovecot takes mbox keywords only when the file's X-IMAPbase header declares them; we do not write
        // that Dovecot-private header, so only system flags cross over (our own round trip keeps keywords)
        assert.deepEqual(match.flags, message.flags.filter((flag) => flag.startsWith('\\')).sort());
        assert.equal(match.date, new Date(message.date).getTime());
        // Dovecot hides the Status/X-Status/X-Keywords it understands and, by its own design, never removes
        // From-quoting when reading mbox; the rest of the message is intact
        const quoted = message.text.replace(/^(>*From )/gm, '>$1');
        assert.ok(match.bytes.toString('latin1').endsWith(quoted), match.bytes.toString('latin1'));
      }
      // Dovecot appends to the same file; our reader takes flags from its headers
      await imap.append('INBOX', Buffer.from('Subject: by dovecot\r\n\r\nsaved by Dovecot\r\n'), ['\\Flagged', 'later'], new Date('2024-01-01T00:00:00Z'));
    } finally {
      await imap.logout();
    }
    const read = await items(new MboxSource(join(mboxDir, 'INBOX'), { directory: false }));
    assert.equal(read.length, 2);
    // Dovecot rewrote the first message's header (X-IMAPbase, X-UID; it dropped the X-Keywords it did not
    // know): our marker still finds the flag headers we added and leaves the message's own lines alone
    const first = (await collect(read[0]!.open())).toString('latin1');
    assert.match(first, /^Subject: one\r\nX-IMAPbase: /);
    assert.ok(first.endsWith('\n\nFrom here\r\n'), first);
    assert.deepEqual(read[0]!.flags, ['\\Seen']);
    const last = read[1]!;
    assert.deepEqual([...last.flags].sort(), ['\\Flagged', 'later']);
    assert.equal(last.internalDate.toISOString(), '2024-01-01T00:00:00.000Z');
    assert.match((await collect(last.open())).toString('latin1'), /Subject: by dovecot\r?\n[^]*\r?\n\r?\nsaved by Dovecot\r?\n$/);
  });
});
