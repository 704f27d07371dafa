// Python's imaplib (a real client, run as a child process) against the mailferry IMAP server: every command,
// STARTTLS and implicit TLS; the script prints what it saw as JSON and the assertions are made here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startImapFixture, message, PASSWORD } from './fixture.ts';

const run = promisify(execFile);
const USER = 'py@example.org';

test('imaplib session covering every command', async () => {
  const fixture = await startImapFixture();
  try {
    await fixture.addAccount(USER);
    await fixture.deliver(USER, message(1));
    await fixture.deliver(USER, 'Subject: multipart\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\n'
      + 'one\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>two</p>\r\n--b--\r\n');
    await fixture.deliver(USER, Buffer.from('Subject: utf8\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nViele Grüße\r\n', 'utf8'));
    // asynchronous: the server runs in this process and must keep answering while Python talks to it
    const { stdout } = await run('python3', [join(import.meta.dirname, 'imaplib-session.py'), String(fixture.port), String(fixture.tlsPort), USER, PASSWORD], { timeout: 30_000 });
    const out = JSON.parse(stdout) as Record<string, unknown>;

    assert.ok((out.greeting_caps as string[]).includes('STARTTLS'));
    assert.ok((out.caps_after_tls as string[]).includes('AUTH=PLAIN'));
    assert.equal(out.authenticate, 'OK');
    assert.deepEqual(out.namespace, ['(("" "/")) NIL NIL']);
    assert.match((out.id as string[])[0]!, /"name" "mailferry"/);
    assert.deepEqual(out.create, ['OK', 'OK', 'NO']);
    assert.equal(out.rename, 'OK');
    assert.deepEqual(out.lsub, ['() "/" Work/Summaries']);
    assert.ok((out.list as string[]).includes('(\\HasNoChildren \\Sent) "/" Sent'));
    assert.ok((out.list as string[]).includes('(\\HasChildren) "/" Work'));
    assert.deepEqual(out.list_pattern, ['(\\HasChildren) "/" Work']);
    assert.match((out.status as string[])[0]!, /^INBOX \(MESSAGES 3 RECENT 3 UIDNEXT 4 UIDVALIDITY \d+ UNSEEN 3\)$/);
    assert.match((out.append as string[])[0]!, /^\[APPENDUID \d+ 4\]/);
    assert.match(out.append_missing as string, /^\[TRYCREATE\]/);
    assert.deepEqual(out.examine, ['OK', '4']);
    assert.equal(out.examine_store, 'NO', 'STORE in an EXAMINEd mailbox is refused');
    assert.deepEqual(out.select, ['OK', '4']);
    const flags = out.fetch_flags as string[];
    assert.equal(flags.length, 4);
    assert.match(flags[3]!, /^4 \(UID 4 FLAGS \(\\Flagged \\Recent\) RFC822.SIZE 56 INTERNALDATE " 4-Mar-2021 05:06:07 [+-]\d{4}"\)$/);
    assert.match((out.fetch_envelope as string[])[0]!, /"test message 1" \(\("Sender 1" NIL "s1" "example.org"\)\)/);
    assert.match((out.fetch_bodystructure as string[])[0]!, /"text" "html" .* "mixed" \("boundary" "b"\)/);
    assert.match((out.fetch_header_fields as string[])[0]!, /\{27\} Subject: test message 1\r\n\r\n$/);
    assert.doesNotMatch((out.fetch_header_not as string[])[0]!, /Subject|From:/);
    assert.deepEqual(out.fetch_mime, ['2 (BODY[1.MIME] {28} Content-Type: text/plain\r\n\r\n', ' BODY[2]<0> {5} <p>tw', ')']);
    assert.match((out.fetch_rfc822 as string[])[1]!, /FLAGS \(\\Seen \\Recent\)/, 'RFC822 sets \\Seen and says so');
    assert.deepEqual(out.fetch_after_rfc822, ['1 (FLAGS (\\Seen \\Recent))']);
    assert.match(Buffer.from((out.fetch_text as string[])[0]!, 'latin1').toString('utf8'), /\{15\} Viele Grüße\r\n$/, 'UTF-8 bytes as stored');
    assert.match((out.store as string[])[0]!, /^2 \(FLAGS \(\\Answered \$Work \\Recent\) MODSEQ \(\d+\)\)$/);
    assert.match((out.store_silent as string[])[0]!, /^2 \(MODSEQ \(\d+\)\)$/, 'with CONDSTORE, .SILENT still reports MODSEQ');
    assert.deepEqual(out.search_all, ['1 2 3 4']);
    assert.deepEqual(out.search_subject, ['2']);
    assert.deepEqual(out.search_unanswered, ['1 3 4']);
    assert.deepEqual(out.search_utf8, ['3'], 'CHARSET UTF-8 with a literal');
    assert.match(out.search_bad_charset as string, /BADCHARSET/);
    assert.deepEqual(out.uid_search, ['2 3 4']);
    assert.match(out.copy_response as string, /COPYUID', \[b'\d+ 1:2 1:2'\]/);
    assert.equal(out.uid_copy, 'OK');
    assert.equal(out.move, 'OK');
    assert.deepEqual(out.after_move_expunge, ['1']);
    assert.deepEqual(out.expunge, ['1']);
    assert.equal(out.uid_expunge, 'OK');
    assert.equal(out.idle_continuation, '+ idling');
    assert.match(out.idle_done as string, / OK Idle completed\.$/);
    assert.equal(out.unselect, 'OK');
    assert.deepEqual(out.delete, ['OK', 'NO']);
    assert.equal(out.logout, 'BYE');
    assert.equal(out.ssl_login, 'OK');
    assert.equal(out.ssl_examine, '3');
  } finally {
    await fixture.cleanup();
  }
});
