import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadServerKey, SERVER_KEY_FILE, ServerKeyError } from '../../src/crypto/server-key.ts';
import { openSecret, sealSecret, SealedSecretError } from '../../src/crypto/sealed-secret.ts';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'mf-crypto-'));
}

test('the server key is made once, 0600, and read back the same', async () => {
  const dir = await tempDir();
  try {
    const first = await loadServerKey(dir);
    const info = await stat(join(dir, SERVER_KEY_FILE));
    assert.equal(info.mode & 0o777, 0o600);
    assert.equal(first.bytes.length, 32);
    const text = await readFile(join(dir, SERVER_KEY_FILE), 'utf8');
    assert.equal(text.trim(), first.bytes.toString('hex'));
    assert.equal((await loadServerKey(dir)).id, first.id);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('a loose key file is tightened to 0600; a damaged one is refused naming the file', async () => {
  const dir = await tempDir();
  const other = await tempDir();
  try {
    await writeFile(join(dir, SERVER_KEY_FILE), 'ab'.repeat(32) + '\n');
    await chmod(join(dir, SERVER_KEY_FILE), 0o644);
    await loadServerKey(dir);
    assert.equal((await stat(join(dir, SERVER_KEY_FILE))).mode & 0o777, 0o600);
    await writeFile(join(other, SERVER_KEY_FILE), 'not a key\n', { mode: 0o600 });
    await assert.rejects(loadServerKey(other), (error: unknown) => error instanceof ServerKeyError && error.message.includes(join(other, SERVER_KEY_FILE)));
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(other, { recursive: true, force: true });
  }
});

test('sealed secrets open only with the same key and owner, and never show the plaintext', async () => {
  const dir = await tempDir();
  const otherDir = await tempDir();
  try {
    const key = await loadServerKey(dir);
    const other = await loadServerKey(otherDir);
    const secret = 'pässword with spaces';
    const sealed = sealSecret(key, secret, 'poll:alice@example.org/work');
    assert.ok(!sealed.includes('ssword'));
    assert.notEqual(sealSecret(key, secret, 'poll:alice@example.org/work'), sealed, 'a fresh nonce each time');
    assert.equal(openSecret(key, sealed, 'poll:alice@example.org/work'), secret);
    assert.throws(() => openSecret(key, sealed, 'poll:bob@example.org/work'), SealedSecretError);
    assert.throws(() => openSecret(other, sealed, 'poll:alice@example.org/work'), /another server key/);
    const parts = sealed.split('.');
    parts[4] = Buffer.from('tampered').toString('base64url');
    assert.throws(() => openSecret(key, parts.join('.'), 'poll:alice@example.org/work'), (error: unknown) => error instanceof SealedSecretError && !String(error).includes(secret));
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(otherDir, { recursive: true, force: true });
  }
});
