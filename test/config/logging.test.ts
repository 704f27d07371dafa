import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/log/logger.ts';
import { formatLogLine, textDestination } from '../../src/cli/text-log.ts';

function capture(): { lines: string[]; stream: Writable } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  return { lines, stream };
}

test('secrets are masked at any depth, in lists too, whatever the case of the key', () => {
  const { lines, stream } = capture();
  const logger = createLogger({ level: 'all', destination: stream });
  logger.major({ password: 'top-secret-1', job: { remote: { auth: { password: 'top-secret-2', user: 'bob' } } } }, 'one');
  logger.lowlevel({ accounts: [{ Token: 'top-secret-3' }, { name: 'x', credentials: { pass: 'top-secret-4' } }] }, 'two');
  assert.equal(lines.length, 2);
  const text = lines.join('\n');
  assert.doesNotMatch(text, /top-secret/);
  const first = JSON.parse(lines[0]);
  assert.equal(first.password, '***');
  assert.equal(first.job.remote.auth.password, '***');
  assert.equal(first.job.remote.auth.user, 'bob');
  assert.equal(JSON.parse(lines[1]).accounts[0].Token, '***');
});

test('the level filters: problems drops major lines', () => {
  const { lines, stream } = capture();
  const logger = createLogger({ level: 'problems', destination: stream });
  logger.major('hidden');
  logger.problems('shown');
  assert.equal(lines.length, 1);
  assert.match(lines[0], /shown/);
});

test('log.format text: time, level name, message, then the other fields (secrets still masked)', () => {
  const { lines, stream } = capture();
  const logger = createLogger({ level: 'all', destination: textDestination({ write: (text) => stream.write(text) }) });
  logger.major({ account: 'alice@example.org', auth: { user: 'alice', password: 'top-secret' } }, 'login');
  assert.equal(lines.length, 1);
  assert.match(lines[0], /^\d\d:\d\d:\d\d major {4}login \{"account":"alice@example\.org","auth":\{"user":"alice","password":"\*\*\*"\}\}$/);
  assert.equal(formatLogLine('not json'), 'not json');
});
