// Real clients' commands through the codec: imapflow and Python's imaplib talk to a private Dovecot through
// a loopback proxy that frames and parses every byte they send with our reader and parser. Dovecot does
// the answering, so the clients behave as they do in the field; every command must parse.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { connect, createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import { CommandReader } from '../../../src/imap/codec/command-reader.ts';
import type { Command } from '../../../src/imap/codec/commands.ts';
import { parseCommand } from '../../../src/imap/codec/parser.ts';
import { startDovecot } from '../../helpers/dovecot.ts';

interface Observed {
  commands: Command[];
  failures: string[];
}

/** Forwards client bytes to Dovecot and parses them on the way. */
function startParsingProxy(targetPort: number, observed: Observed): Promise<Server> {
  const server = createServer((client: Socket) => {
    const upstream = connect(targetPort, '127.0.0.1');
    const reader = new CommandReader();
    let utf8Accept = false;
    upstream.pipe(client);
    client.on('data', (chunk: Buffer) => {
      upstream.write(chunk);
      reader.push(chunk);
      for (let event = reader.next(); event; event = reader.next()) {
        if (event.kind === 'continue') reader.acceptLiteral(); // Dovecot sends the "+" itself
        if (event.kind === 'error') observed.failures.push(`reader: ${event.error.message}`);
        if (event.kind !== 'command') continue;
        try {
          const command = parseCommand(event.command, { utf8Accept });
          observed.commands.push(command);
          if (command.name === 'ENABLE' && command.capabilities.includes('UTF8=ACCEPT')) utf8Accept = true;
          // IDLE is ended by "DONE"; AUTHENTICATE without SASL-IR continues with a base64 line.
          if (command.name === 'IDLE' || (command.name === 'AUTHENTICATE' && command.initialResponse === null)) reader.expectLine();
        } catch (error) {
          const text = event.command.parts.map((p) => (p.kind === 'streamed' ? `{${p.size}}` : p.data.toString('latin1'))).join('');
          observed.failures.push(`${String(error)} in ${JSON.stringify(text.slice(0, 300))}`);
        }
      }
    });
    const close = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function message(subject: string, bodyBytes = 40): Buffer {
  const body = 'Lorem ipsum dolor sit amet, consectetur.\r\n'.repeat(Math.ceil(bodyBytes / 42));
  return Buffer.from(
    `From: Alice <alice@example.org>\r\nTo: bob@example.org\r\nSubject: ${subject}\r\nMessage-ID: <${subject.replace(/\W/g, '')}@example.org>\r\n` +
      `Date: Mon, 7 Feb 1994 21:52:25 -0800\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=b1\r\n\r\n` +
      `--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n${body}\r\n--b1\r\nContent-Type: application/octet-stream\r\n\r\nAAAA\r\n--b1--\r\n`,
  );
}

async function imapflowWorkload(port: number): Promise<void> {
  const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user: 'alice', pass: 'secret pw' }, logger: false });
  await client.connect();
  try {
    await client.mailboxCreate('Entwürfe');
    await client.mailboxCreate(['Archiv', '2024 & später']);
    await client.mailboxSubscribe('Entwürfe');
    await client.list({ statusQuery: { messages: true, unseen: true, uidNext: true } });
    await client.status('INBOX', { messages: true, recent: true, uidNext: true, uidValidity: true, unseen: true, highestModseq: true });
    await client.append('INBOX', message('first'), ['\\Seen', '$Forwarded'], new Date('2024-03-09T10:00:00Z'));
    await client.append('INBOX', message('second'));
    await client.append('Entwürfe', message('large', 300_000), ['\\Draft']);
    const lock = await client.getMailboxLock('INBOX');
    try {
      await client.fetchOne('*', { uid: true, flags: true, envelope: true, bodyStructure: true, internalDate: true, size: true, headers: ['subject', 'from'], source: true, bodyParts: ['1', '2.mime'] });
      for await (const fetched of client.fetch('1:*', { uid: true, envelope: true, threadId: false }, { changedSince: 1n })) assert.ok(fetched.uid > 0);
      await client.search({ or: [{ from: 'alice' }, { subject: 'nothing' }], since: new Date('2020-01-01'), seen: false, larger: 10, header: { 'message-id': '<x@y>' } });
      await client.search({ uid: '1:*', not: { deleted: true }, keyword: '$Forwarded', before: new Date('2030-01-01'), body: 'Lorem' }, { uid: true });
      await client.messageFlagsAdd('1:*', ['\\Flagged', 'custom']);
      await client.messageFlagsRemove({ uid: '1:*' }, ['custom'], { uid: true });
      await client.messageFlagsSet('1', ['\\Seen']);
      await client.messageCopy('1', 'Entwürfe');
      await client.messageMove('2', 'Archiv/2024 & später');
      const idle = client.idle();
      await new Promise((resolve) => setTimeout(resolve, 200));
      await client.noop();
      await idle;
      await client.messageDelete('1:*');
    } finally {
      lock.release();
    }
    await client.mailboxRename('Entwürfe', 'Entwürfe alt');
    await client.mailboxDelete('Entwürfe alt');
  } finally {
    await client.logout();
  }
}

const PYTHON = `
import imaplib, sys, time
imap = imaplib.IMAP4('127.0.0.1', int(sys.argv[1]))
imap.login('alice', 'secret pw')
imap.capability()
imap.list('""', '*')
imap.lsub('""', '*')
imap.create('"Py Folder"')
imap.append('INBOX', '(\\\\Seen)', imaplib.Time2Internaldate(time.time()), b'Subject: py\\r\\n\\r\\nhello\\r\\n')
imap.select('INBOX')
imap.search(None, 'ALL')
imap.uid('SEARCH', 'UNSEEN', 'SINCE', '1-Jan-2020')
imap.fetch('1:*', '(UID FLAGS RFC822.SIZE BODY.PEEK[HEADER.FIELDS (SUBJECT)])')
imap.store('1', '+FLAGS', '(\\\\Deleted)')
imap.uid('COPY', '1:*', '"Py Folder"')
imap.expunge()
imap.status('"Py Folder"', '(MESSAGES UIDNEXT)')
imap.close()
imap.logout()
`;

test('every command imapflow and Python imaplib send parses', async () => {
  const dovecot = await startDovecot({ users: [{ user: 'alice', password: 'secret pw' }] });
  const observed: Observed = { commands: [], failures: [] };
  const proxy = await startParsingProxy(dovecot.imapPort, observed);
  try {
    const port = (proxy.address() as AddressInfo).port;
    await imapflowWorkload(port);
    await promisify(execFile)('python3', ['-c', PYTHON, String(port)], { timeout: 20_000 });
    assert.deepEqual(observed.failures, []);
    const names = new Set(observed.commands.map((c) => ('uid' in c && c.uid ? `UID ${c.name}` : c.name)));
    for (const name of ['CAPABILITY', 'LOGIN', 'CREATE', 'SUBSCRIBE', 'LIST', 'STATUS', 'APPEND', 'SELECT', 'FETCH', 'SEARCH', 'UID SEARCH', 'STORE', 'COPY', 'IDLE', 'NOOP', 'RENAME', 'DELETE', 'LSUB', 'UID COPY', 'EXPUNGE', 'CLOSE', 'LOGOUT']) {
      assert.ok(names.has(name), `${name} was not seen; saw ${[...names].join(', ')}`);
    }
    const created = observed.commands.filter((c) => c.name === 'CREATE').map((c) => (c.name === 'CREATE' ? c.mailbox.name : ''));
    // imapflow encodes names in modified UTF-7 and joins paths with Dovecot's "." separator
    assert.deepEqual(created, ['Entwürfe', 'Archiv.2024 & später', 'Py Folder']);
    const appends = observed.commands.filter((c) => c.name === 'APPEND');
    assert.ok(appends.some((c) => c.name === 'APPEND' && c.messages[0].content.kind === 'streamed'), 'the 300 KB APPEND was streamed');
  } finally {
    await new Promise((resolve) => proxy.close(resolve));
    await dovecot.stop();
  }
});
