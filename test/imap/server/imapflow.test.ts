// imapflow (a real client) against the mailferry IMAP server: every command it can send, over STARTTLS and
// implicit TLS, with CONDSTORE/QRESYNC, IDLE and UIDPLUS answers checked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import { startImapFixture, message, PASSWORD, type ImapFixture } from './fixture.ts';

const USER = 'flow@example.org';

/** imapflow answers `false` for some failures; a test wants the value or an error. */
function must<T>(value: T | false | undefined): T {
  if (value === false || value === undefined) throw new Error('imapflow call failed');
  return value;
}
let fixture: ImapFixture;

function client(options: Partial<ImapFlowOptions> = {}): ImapFlow {
  return new ImapFlow({
    host: '127.0.0.1', port: fixture.port, secure: false, logger: false,
    auth: { user: USER, pass: PASSWORD }, tls: { rejectUnauthorized: false }, ...options,
  });
}

async function session<T>(work: (c: ImapFlow) => Promise<T>, options: Partial<ImapFlowOptions> = {}): Promise<T> {
  const c = client(options);
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.logout().catch(() => c.close());
  }
}

before(async () => {
  fixture = await startImapFixture();
  await fixture.addAccount(USER);
  for (let i = 1; i <= 5; i++) await fixture.deliver(USER, message(i, i === 3 ? 'Cc: carol@example.org\r\n' : ''));
});
after(() => fixture.cleanup());

test('connects over STARTTLS with AUTHENTICATE PLAIN (SASL-IR), sends ID, reads NAMESPACE and capabilities', async () => {
  await session(async (c) => {
    assert.equal(c.secureConnection, true, 'imapflow upgraded with STARTTLS');
    for (const cap of ['IMAP4rev1', 'IDLE', 'UIDPLUS', 'MOVE', 'CONDSTORE', 'QRESYNC', 'SPECIAL-USE', 'NAMESPACE', 'ID', 'ENABLE',
      'LITERAL+', 'UNSELECT', 'CHILDREN', 'LIST-STATUS', 'SASL-IR']) {
      assert.ok(c.capabilities.has(cap), `capability ${cap}`);
    }
    assert.equal(c.serverInfo?.name, 'mailferry');
    assert.equal(c.namespace?.delimiter, '/');
    assert.equal(await c.noop(), undefined);
  });
  const session1 = fixture.logLines().find((l) => l.msg === 'IMAP login');
  assert.equal(session1?.mechanism, 'AUTHENTICATE PLAIN');
});

test('implicit TLS port and LOGIN', async () => {
  await session(async (c) => {
    assert.equal(c.secureConnection, true);
    const box = await c.mailboxOpen('INBOX', { readOnly: true });
    assert.equal(box.exists, 5);
  }, { port: fixture.tlsPort, secure: true, auth: { user: USER, pass: PASSWORD, loginMethod: 'LOGIN' } });
});

test('a wrong password is refused with AUTHENTICATIONFAILED', async () => {
  const c = client({ auth: { user: USER, pass: 'wrong' } });
  await assert.rejects(c.connect(), (err: Error & { authenticationFailed?: boolean }) => err.authenticationFailed === true);
  c.close();
});

test('LIST with special use and children, STATUS, CREATE / RENAME / DELETE, SUBSCRIBE / UNSUBSCRIBE', async () => {
  await session(async (c) => {
    const names = (await c.list()).map((m) => m.path);
    assert.ok(names.includes('INBOX') && names.includes('Sent') && names.includes('Trash'), names.join(','));
    const sent = (await c.list()).find((m) => m.path === 'Sent')!;
    assert.equal(sent.specialUse, '\\Sent');
    await c.mailboxCreate(['Projects', 'Zürich']);
    const tree = await c.listTree();
    const projects = tree.folders!.find((f) => f.path === 'Projects')!;
    assert.deepEqual(projects.folders!.map((f) => f.name), ['Zürich']);
    assert.ok(projects.flags?.has('\\HasChildren'));
    await c.mailboxRename('Projects/Zürich', 'Projects/Genève');
    await c.mailboxSubscribe('Projects/Genève');
    const subscribed = (await c.list()).filter((m) => m.subscribed).map((m) => m.path);
    assert.ok(subscribed.includes('Projects/Genève'));
    await c.mailboxUnsubscribe('Projects/Genève');
    const status = must(await c.status('INBOX', { messages: true, unseen: true, uidNext: true, uidValidity: true, highestModseq: true, recent: true }));
    assert.equal(status.messages, 5);
    assert.equal(status.unseen, 5);
    assert.equal(status.uidNext, 6);
    assert.ok(typeof status.highestModseq === 'bigint');
    // LIST-STATUS (RFC 5819)
    const listed = await c.list({ statusQuery: { messages: true, unseen: true } });
    assert.equal(listed.find((m) => m.path === 'INBOX')!.status!.messages, 5);
    await c.mailboxDelete('Projects/Genève');
    await c.mailboxDelete('Projects');
    assert.ok(!(await c.list()).some((m) => m.path.startsWith('Projects')));
  });
});

test('FETCH every kind of item, partial and whole bodies byte for byte', async () => {
  await session(async (c) => {
    const lock = await c.getMailboxLock('INBOX');
    try {
      const all = await c.fetchAll('1:*', {
        uid: true, flags: true, envelope: true, bodyStructure: true, internalDate: true, size: true, source: true,
        headers: ['subject', 'from'], bodyParts: ['1', 'TEXT'],
      });
      assert.equal(all.length, 5);
      const third = all[2]!;
      assert.equal(third.envelope!.subject, 'test message 3');
      assert.equal(third.envelope!.messageId, '<m3@example.org>');
      assert.equal(third.envelope!.cc![0]!.address, 'carol@example.org');
      assert.equal(third.bodyStructure!.type, 'text/plain');
      const raw = Buffer.from(message(3, 'Cc: carol@example.org\r\n'), 'latin1');
      assert.equal(third.size, raw.length);
      assert.equal(createHash('sha256').update(third.source!).digest('hex'), createHash('sha256').update(raw).digest('hex'));
      // HEADER.FIELDS answers in message order, not in the order asked (RFC 3501 §6.4.5)
      assert.equal(third.headers!.toString(), 'From: Sender 3 <s3@example.org>\r\nSubject: test message 3\r\n\r\n');
      assert.equal(third.bodyParts!.get('1')!.toString(), 'Hello number 3\r\n');
      assert.ok(!third.flags!.has('\\Seen'), 'PEEK keeps \\Seen unset');
      // a partial fetch, then a fetch that sets \Seen
      const part = must(await c.fetchOne('2', { bodyParts: [{ key: 'TEXT', start: 6, maxLength: 6 }] as never }));
      assert.equal(part.bodyParts!.get('text')!.toString(), 'number');
      const { content } = must(await c.download('1'));
      const chunks: Buffer[] = [];
      for await (const chunk of must(content)) chunks.push(chunk as Buffer);
      assert.equal(Buffer.concat(chunks).toString('latin1'), message(1));
      assert.ok(!(must(await c.fetchOne('1', { flags: true }))).flags!.has('\\Seen'), 'imapflow downloads with BODY.PEEK[]');
      await c.messageFlagsAdd('1', ['\\Seen']);
    } finally {
      lock.release();
    }
  });
});

test('SEARCH: flags, headers, body, dates, sizes, UID sets, CHARSET UTF-8', async () => {
  await fixture.deliver(USER, 'Message-ID: <u1@example.org>\r\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\nFrom: a@example.org\r\n'
    + 'Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nSch=C3=B6ne Gr=C3=BC=C3=9Fe\r\n');
  await session(async (c) => {
    const lock = await c.getMailboxLock('INBOX');
    try {
      assert.deepEqual(await c.search({ all: true }), [1, 2, 3, 4, 5, 6]);
      assert.deepEqual(await c.search({ seen: true }), [1]);
      assert.deepEqual(await c.search({ seen: false, from: 's2@example.org' }), [2]);
      assert.deepEqual(await c.search({ cc: 'carol' }), [3]);
      assert.deepEqual(await c.search({ subject: 'grüße' }), [6], 'RFC 2047 subject, case-insensitive');
      assert.deepEqual(await c.search({ body: 'SCHÖNE' }), [6], 'quoted-printable UTF-8 body');
      assert.deepEqual(await c.search({ body: 'number 4' }), [4]);
      assert.deepEqual(await c.search({ text: 'carol@example' }), [3]);
      assert.deepEqual(await c.search({ header: { 'message-id': '<m5@' } }), [5]);
      assert.deepEqual(await c.search({ sentBefore: new Date('1994-02-08'), sentSince: new Date('1994-02-07') }), [1, 2, 3, 4, 5]);
      assert.deepEqual(await c.search({ since: new Date(Date.now() - 86_400_000) }), [1, 2, 3, 4, 5, 6]);
      assert.deepEqual(await c.search({ larger: 10_000 }), []);
      assert.deepEqual(await c.search({ uid: '2:4', not: { uid: '3' } }, { uid: true }), [2, 4]);
      assert.deepEqual(await c.search({ or: [{ uid: '1' }, { subject: 'message 5' }] }), [1, 5]);
    } finally {
      lock.release();
    }
  });
});

test('STORE flags and keywords, COPY and MOVE with UIDPLUS, EXPUNGE', async () => {
  await session(async (c) => {
    await c.mailboxCreate('Archive/2024');
    const lock = await c.getMailboxLock('INBOX');
    try {
      assert.equal(await c.messageFlagsAdd('2:3', ['\\Flagged', '$Important']), true);
      const flagged = await c.fetchAll('2:3', { flags: true });
      assert.ok(flagged.every((m) => m.flags!.has('\\Flagged') && m.flags!.has('$Important')));
      await c.messageFlagsRemove('3', ['$Important']);
      await c.messageFlagsSet('4', ['\\Answered']);
      assert.deepEqual([...(must(await c.fetchOne('4', { flags: true }))).flags!], ['\\Answered']);
      const copied = must(await c.messageCopy('2:3', 'Archive/2024'));
      assert.equal(copied.destination, 'Archive/2024');
      assert.deepEqual([...copied.uidMap!.entries()], [[2, 1], [3, 2]]);
      const moved = must(await c.messageMove('4', 'Trash'));
      assert.deepEqual([...moved.uidMap!.entries()], [[4, 1]]);
      assert.equal(c.mailbox && c.mailbox.exists, 5);
      assert.equal(await c.messageDelete('5'), true);
      assert.equal(c.mailbox && c.mailbox.exists, 4);
      assert.deepEqual((await c.fetchAll('1:*', { uid: true })).map((m) => m.uid), [1, 2, 3, 5], 'sequence 5 was UID 6');
    } finally {
      lock.release();
    }
    const archive = must(await c.status('Archive/2024', { messages: true }));
    assert.equal(archive.messages, 2);
  });
});

test('APPEND returns APPENDUID; flags and internal date are kept', async () => {
  await session(async (c) => {
    const date = new Date('2020-05-04T03:02:01Z');
    const result = must(await c.append('Sent', Buffer.from(message(77)), ['\\Seen', '\\Draft', 'custom'], date));
    assert.equal(result.destination, 'Sent');
    assert.equal(result.uid, 1);
    const lock = await c.getMailboxLock('Sent');
    try {
      const m = must(await c.fetchOne('1', { flags: true, internalDate: true, envelope: true }));
      // \Recent too: this is the first session to see the message (RFC 3501 §2.3.2)
      assert.deepEqual([...m.flags!].sort(), ['\\Draft', '\\Recent', '\\Seen', 'custom']);
      assert.equal((m.internalDate as Date).toISOString(), date.toISOString());
      assert.equal(m.envelope!.subject, 'test message 77');
    } finally {
      lock.release();
    }
  });
});

test('CONDSTORE and QRESYNC: CHANGEDSINCE fetch, VANISHED on expunge', async () => {
  await session(async (c) => {
    assert.ok(c.enabled.has('QRESYNC') || c.enabled.has('CONDSTORE'), `enabled: ${[...c.enabled].join(' ')}`);
    const box = await c.mailboxOpen('INBOX');
    const since = box.highestModseq!;
    await c.messageFlagsAdd('1', ['\\Answered']);
    const changed = await c.fetchAll('1:*', { flags: true, uid: true }, { changedSince: since });
    assert.deepEqual(changed.map((m) => m.uid), [1]);
    assert.ok(typeof changed[0]!.modseq === 'bigint' && changed[0]!.modseq > since);
    const vanished: number[] = [];
    c.on('expunge', (event: { uid?: number; vanished?: boolean }) => { if (event.vanished && event.uid) vanished.push(event.uid); });
    await c.messageFlagsAdd('1', ['\\Deleted']);
    await c.messageDelete('1');
    assert.deepEqual(vanished, [1]);
  }, { qresync: true });
});

test('IDLE wakes within a second when another session appends', async () => {
  const watcher = client();
  await watcher.connect();
  try {
    await watcher.mailboxOpen('INBOX');
    const before = watcher.mailbox && watcher.mailbox.exists;
    const exists = new Promise<number>((resolve) => watcher.on('exists', (info: { count: number }) => resolve(info.count)));
    const idling = watcher.idle();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await session((c) => c.append('INBOX', Buffer.from(message(99))));
    const count = await exists;
    assert.ok(Date.now() - started < 1000, `IDLE woke after ${Date.now() - started} ms`);
    assert.equal(count, (before as number) + 1);
    await watcher.noop();
    await idling;
  } finally {
    await watcher.logout();
  }
});

test('EXAMINE is read-only; CLOSE and UNSELECT leave the mailbox', async () => {
  await session(async (c) => {
    const box = await c.mailboxOpen('INBOX', { readOnly: true });
    assert.equal(box.readOnly, true);
    await assert.rejects(c.messageFlagsAdd('1', ['\\Seen']).then((ok) => { if (!ok) throw new Error('refused'); }));
    assert.equal(await c.mailboxClose(), true);
    await c.mailboxOpen('INBOX');
    assert.equal(await c.mailboxClose(), true);
  });
});
