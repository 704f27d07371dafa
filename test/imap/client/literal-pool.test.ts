// Message literal memory is recycled: a body handed back carries the next body of its size class; memory the
// pool did not make (Node's shared slab) and a second hand-back of the same body are refused.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { recycleLiteralBuffer, takeLiteralBuffer } from '../../../src/imap/client/literal-pool.ts';

test('a recycled body carries the next body of its size class, with exactly the asked length', () => {
  const first = takeLiteralBuffer(5_000);
  assert.equal(first.length, 5_000);
  recycleLiteralBuffer(first);
  const second = takeLiteralBuffer(7_000);
  assert.equal(second.length, 7_000);
  assert.equal(second.buffer, first.buffer, 'same memory, same 8 KiB class');
  const other = takeLiteralBuffer(20_000);
  assert.notEqual(other.buffer, first.buffer, 'another class');
});

test('foreign memory and a second hand-back are refused', () => {
  const slab = Buffer.allocUnsafe(100); // from Node's shared pool: must never be handed out again
  recycleLiteralBuffer(slab);
  const body = takeLiteralBuffer(6_000);
  assert.notEqual(body.buffer, slab.buffer);
  recycleLiteralBuffer(body);
  recycleLiteralBuffer(body); // twice: must not be handed to two takers
  const a = takeLiteralBuffer(6_000);
  const b = takeLiteralBuffer(6_000);
  assert.notEqual(a.buffer, b.buffer);
});
