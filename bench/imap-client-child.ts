// One bench run in its own process, so that its peak RSS is its own: `tsx bench/imap-client-child.ts MODE PORT`.
// Prints one JSON line: messages, bytes, milliseconds, peak RSS.
import { createHash } from 'node:crypto';
import { ImapFlow } from 'imapflow';
import { ImapClient } from '../src/imap/client/client.ts';
import type { AppendMode } from '../src/imap/client/commands/append.ts';
import { LARGE_COUNT, LARGE_SIZE, MESSAGES, largeDigest, largeSource, messageBytes, messageDigest, messageSource } from './imap-client-messages.ts';

const [mode, portText] = process.argv.slice(2);
const port = Number(portText);
const auth = { user: 'bench', password: 'bench-password' };
const indexes = Array.from({ length: MESSAGES }, (_, i) => i);
/** client CPU (user + system) spent inside the timed part, so a loaded machine cannot hide the client's own cost */
let cpuAtStart = process.cpuUsage();
const startClock = () => {
  cpuAtStart = process.cpuUsage();
  return performance.now();
};
const cpuMs = () => {
  const used = process.cpuUsage(cpuAtStart);
  return (used.user + used.system) / 1000;
};

async function ours(): Promise<{ messages: number; bytes: number; ms: number; cpuMs: number }> {
  const client = await ImapClient.connect({ host: '127.0.0.1', port, security: 'none', allowPlaintextAuth: true, auth });
  try {
    if (mode === 'large-append') {
      await client.create('large');
      await client.select('large');
      const started = startClock();
      const results = await client.append('large', Array.from({ length: LARGE_COUNT }, (_, i) => ({ content: largeSource(i, LARGE_SIZE) })));
      if (!results.every((result) => result.ok)) throw new Error('large append failed');
      return { messages: LARGE_COUNT, bytes: LARGE_COUNT * LARGE_SIZE, ms: performance.now() - started, cpuMs: cpuMs() };
    }
    if (mode === 'large-fetch') {
      await client.select('large', { readOnly: true });
      const digests = Array.from({ length: LARGE_COUNT }, (_, i) => largeDigest(i, LARGE_SIZE));
      const started = startClock();
      let messages = 0;
      for await (const message of client.fetchBodies('1:*')) {
        const hash = createHash('sha256');
        for await (const chunk of message.body.stream()) hash.update(chunk as Buffer);
        if (hash.digest('hex') !== digests[message.uid - 1]) throw new Error(`large UID ${message.uid} differs`);
        messages += 1;
      }
      return { messages, bytes: messages * LARGE_SIZE, ms: performance.now() - started, cpuMs: cpuMs() };
    }
    if (mode === 'fetch') {
      await client.select('multiappend', { readOnly: true });
      const digests = indexes.map(messageDigest); // computed before the clock starts
      const started = startClock();
      let messages = 0;
      let bytes = 0;
      for await (const message of client.fetchBodies('1:*')) {
        const hash = createHash('sha256');
        for await (const chunk of message.body.stream()) hash.update(chunk as Buffer);
        if (hash.digest('hex') !== digests[message.uid - 1]) throw new Error(`UID ${message.uid} differs`);
        messages += 1;
        bytes += message.size;
      }
      return { messages, bytes, ms: performance.now() - started, cpuMs: cpuMs() };
    }
    const appendMode = mode!.replace(/-unselected$/, '') as AppendMode;
    await client.create(mode!);
    // APPEND into the SELECTed folder: Dovecot is 1.8× slower into a folder that is not selected
    if (!mode!.endsWith('-unselected')) await client.select(mode!);
    const started = startClock();
    const results = await client.append(mode!, indexes.map((i) => ({ content: messageSource(i) })), { mode: appendMode });
    const ms = performance.now() - started;
    const cpu = cpuMs();
    const failed = results.filter((result) => !result.ok);
    if (failed.length > 0) throw new Error(`${failed.length} appends failed: ${(failed[0] as { error: Error }).error.message}`);
    return { messages: results.length, bytes: indexes.reduce((sum, i) => sum + messageSource(i).size, 0), ms, cpuMs: cpu };
  } finally {
    await client.logout();
  }
}

async function imapflow(): Promise<{ messages: number; bytes: number; ms: number; cpuMs: number }> {
  const client = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user: auth.user, pass: auth.password }, logger: false });
  await client.connect();
  try {
    if (mode === 'imapflow-fetch') {
      const lock = await client.getMailboxLock('multiappend');
      const digests = indexes.map(messageDigest);
      const started = startClock();
      let messages = 0;
      let bytes = 0;
      try {
        for await (const message of client.fetch('1:*', { uid: true, source: true }, { uid: true })) {
          if (createHash('sha256').update(message.source!).digest('hex') !== digests[message.uid - 1]) throw new Error(`UID ${message.uid} differs`);
          messages += 1;
          bytes += message.source!.length;
        }
      } finally {
        lock.release();
      }
      return { messages, bytes, ms: performance.now() - started, cpuMs: cpuMs() };
    }
    await client.mailboxCreate('imapflow');
    const lock = await client.getMailboxLock('imapflow');
    const started = startClock();
    let bytes = 0;
    try {
      for (const i of indexes) {
        const content = messageBytes(i);
        await client.append('imapflow', content);
        bytes += content.length;
      }
    } finally {
      lock.release();
    }
    return { messages: MESSAGES, bytes, ms: performance.now() - started, cpuMs: cpuMs() };
  } finally {
    await client.logout();
  }
}

const result = mode!.startsWith('imapflow') ? await imapflow() : await ours();
console.log(JSON.stringify({ ...result, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
