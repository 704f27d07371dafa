// Endpoint URLs: canonical forms (the ledger pair names them), default ports, IPv6, auth options, and a
// password in the URL refused before it could reach a log.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EndpointUrlError, parseEndpointUrl, type RemoteSpec } from '../../src/endpoints/parse-url.ts';

const remote = (url: string) => parseEndpointUrl(url) as RemoteSpec;

test('remote URLs: default ports, TLS kind, canonical spelling, user names with @', () => {
  assert.deepEqual(parseEndpointUrl('imaps://alice@Mail.Example.ORG'), {
    kind: 'imap', tls: 'implicit', host: 'mail.example.org', port: 993, user: 'alice', auth: 'auto', url: 'imaps://alice@mail.example.org:993',
  });
  assert.equal(remote('imap://alice@example.org@mail.example.org').user, 'alice@example.org');
  assert.equal(parseEndpointUrl('imap://alice%40example.org@mail.example.org:1143').url, 'imap://alice%40example.org@mail.example.org:1143');
  assert.equal(parseEndpointUrl('pop3://bob@[::1]').url, 'pop3://bob@[::1]:110');
  assert.equal(remote('pop3s://bob@host').port, 995);
  assert.equal(remote('imaps://carol@imap.gmail.com?auth=xoauth2').auth, 'xoauth2');
});

test('local, maildir and mbox URLs', () => {
  assert.deepEqual(parseEndpointUrl('local:Alice@Example.org'), { kind: 'local', address: 'alice@example.org', url: 'local:alice@example.org' });
  const maildir = parseEndpointUrl('maildir:/srv/mail/alice/');
  assert.equal(maildir.url, 'maildir:/srv/mail/alice');
  const mbox = parseEndpointUrl('mbox:/srv/archive/');
  assert.ok(mbox.kind === 'mbox' && mbox.directory);
});

test('refused: passwords in the URL, unknown kinds, bad ports and options', () => {
  assert.throws(() => parseEndpointUrl('imap://alice:secret@host'), (error: Error) => error instanceof EndpointUrlError && !error.message.includes('secret'));
  assert.throws(() => parseEndpointUrl('ftp://host'), EndpointUrlError);
  assert.throws(() => parseEndpointUrl('imap://host'), /no user name/);
  assert.throws(() => parseEndpointUrl('imap://a@host:99999'), /out of range/);
  assert.throws(() => parseEndpointUrl('imap://a@host?tls=off'), /unknown option/);
  assert.throws(() => parseEndpointUrl('imap://a@host/INBOX'), /not a path/);
  assert.throws(() => parseEndpointUrl('local:nobody'), EndpointUrlError);
});
