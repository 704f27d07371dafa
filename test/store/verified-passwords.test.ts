// The password-check limiter and cache (src/store/verified-passwords.ts): bounded derivations, shared checks,
// successes remembered per stored hash, failures never.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, verifyPasswordHash } from '../../src/store/passwords.ts';
import { checkOnce } from '../../src/store/verified-passwords.ts';

function countingDerive(result: boolean) {
  const state = { calls: 0, running: 0, maxRunning: 0 };
  const derive = async () => {
    state.calls++;
    state.running++;
    state.maxRunning = Math.max(state.maxRunning, state.running);
    await new Promise((resolve) => setTimeout(resolve, 5));
    state.running--;
    return result;
  };
  return { state, derive };
}

test('at most two derivations run at once, whatever the number of logins', async () => {
  const { state, derive } = countingDerive(false);
  const checks = Array.from({ length: 12 }, (_, i) => checkOnce(`wrong-${i}`, '$stored-a$', derive));
  assert.deepEqual(await Promise.all(checks), Array(12).fill(false));
  assert.equal(state.calls, 12);
  assert.equal(state.maxRunning, 2);
});

test('the same pair checked at once derives once; a success is remembered, a failure is not', async () => {
  const ok = countingDerive(true);
  const results = await Promise.all(Array.from({ length: 5 }, () => checkOnce('right', '$stored-b$', ok.derive)));
  assert.deepEqual(results, Array(5).fill(true));
  assert.equal(ok.state.calls, 1);
  assert.equal(await checkOnce('right', '$stored-b$', ok.derive), true);
  assert.equal(ok.state.calls, 1, 'remembered');
  // a new stored hash (the password was changed) is never answered from memory
  assert.equal(await checkOnce('right', '$stored-c$', ok.derive), true);
  assert.equal(ok.state.calls, 2);

  const bad = countingDerive(false);
  await checkOnce('wrong', '$stored-b$', bad.derive);
  await checkOnce('wrong', '$stored-b$', bad.derive);
  assert.equal(bad.state.calls, 2, 'failures are derived every time');
});

test('real scrypt hashes: right and wrong passwords, concurrently', async () => {
  const stored = await hashPassword('s3cret', { ln: 10, r: 8, p: 1 });
  const results = await Promise.all(['s3cret', 'nope', 's3cret', 'S3cret'].map((p) => verifyPasswordHash(p, stored)));
  assert.deepEqual(results, [true, false, true, false]);
});
