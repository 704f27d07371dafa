import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { isStoreError } from '../../src/store/errors.ts';
import { openTempStore } from './temp-store.ts';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

test('blob: written in pieces, stored under blobs/ab/cd/<sha256>, read whole or by range', async () => {
  const { store, dataDir, cleanup } = await openTempStore();
  try {
    const data = Buffer.from('0123456789'.repeat(10));
    const writer = await store.blobs.begin();
    for (let i = 0; i < data.length; i += 7) await writer.write(data.subarray(i, i + 7));
    const blob = await writer.commit();
    assert.deepEqual(blob, { sha256: sha256(data), size: 100 });
    assert.deepEqual(await readFile(join(dataDir, 'blobs', blob.sha256.slice(0, 2), blob.sha256.slice(2, 4), blob.sha256)), data);
    assert.deepEqual(await buffer(store.blobs.open(blob.sha256)), data);
    assert.deepEqual(await buffer(store.blobs.open(blob.sha256, { start: 95, end: 100 })), Buffer.from('56789'));
    assert.equal((await buffer(store.blobs.open(blob.sha256, { start: 5, end: 5 }))).length, 0);
    assert.equal(await store.blobs.has(blob.sha256), true);
    await store.blobs.remove(blob.sha256);
    await store.blobs.remove(blob.sha256);
    assert.equal(await store.blobs.has(blob.sha256), false);
    assert.throws(() => store.blobs.open('../../etc/passwd'), (e) => isStoreError(e, 'invalid'));
    await assert.rejects(store.blobs.has('ABC'), (e) => isStoreError(e, 'invalid'));
  } finally {
    await cleanup();
  }
});

test('blob: a large blob spills to blobs/tmp while written; commit and abort leave no temporary file', async () => {
  const { store, dataDir, cleanup } = await openTempStore();
  const tmp = join(dataDir, 'blobs', 'tmp');
  try {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const writer = await store.blobs.begin();
    for (let i = 0; i < 8; i++) await writer.write(chunk);
    assert.equal((await readdir(tmp)).length, 1, 'spilled to a temporary file');
    const blob = await writer.commit();
    assert.equal(blob.size, 8 * chunk.length);
    assert.deepEqual(await readdir(tmp), []);
    assert.equal(sha256(await buffer(store.blobs.open(blob.sha256))), blob.sha256);

    const aborted = await store.blobs.begin();
    for (let i = 0; i < 4; i++) await aborted.write(Buffer.alloc(64 * 1024, 0x62));
    await aborted.abort();
    await aborted.abort();
    assert.deepEqual(await readdir(tmp), []);
    await assert.rejects(aborted.write(Buffer.from('x')), /aborted/);

    const small = await store.blobs.begin();
    await small.write(Buffer.from('small'));
    assert.deepEqual(await readdir(tmp), [], 'small blobs stay in memory until commit');
    await small.abort();
  } finally {
    await cleanup();
  }
});

test('blob: the same content committed again is not rewritten', async () => {
  const { store, dataDir, cleanup } = await openTempStore();
  try {
    const write = async (data: Buffer) => {
      const w = await store.blobs.begin();
      await w.write(data);
      return w.commit();
    };
    const big = Buffer.alloc(300_000, 0x7a);
    const a = await write(big);
    const path = join(dataDir, 'blobs', a.sha256.slice(0, 2), a.sha256.slice(2, 4), a.sha256);
    const before = await stat(path);
    const b = await write(big);
    assert.equal(a.sha256, b.sha256);
    assert.equal((await stat(path)).ino, before.ino, 'same file, not replaced');
    const [c, d] = await Promise.all([write(Buffer.from('same')), write(Buffer.from('same'))]);
    assert.equal(c.sha256, d.sha256);
    assert.deepEqual(await buffer(store.blobs.open(c.sha256)), Buffer.from('same'));
  } finally {
    await cleanup();
  }
});

test('open removes temporary files of dead processes and keeps those of live ones', async () => {
  const temp = await openTempStore();
  const tmp = join(temp.dataDir, 'blobs', 'tmp');
  try {
    let deadPid = 4_000_000;
    while (deadPid > 1) {
      try {
        process.kill(deadPid, 0);
        deadPid--;
      } catch {
        break;
      }
    }
    await writeFile(join(tmp, `${deadPid}-dead.tmp`), 'partial');
    await writeFile(join(tmp, 'garbage-name.tmp'), 'partial');
    await writeFile(join(tmp, `${process.pid}-live.tmp`), 'in progress');
    await temp.reopen();
    assert.deepEqual(await readdir(tmp), [`${process.pid}-live.tmp`]);
  } finally {
    await temp.cleanup();
  }
});
