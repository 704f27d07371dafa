import assert from 'node:assert/strict';
import { PassThrough, Writable } from 'node:stream';
import { describe, it } from 'node:test';
import { createLogger } from '../../src/log/logger.ts';
import { BarProgress, describeSnapshot, formatDuration, LogProgress, SilentProgress } from '../../src/util/progress.ts';

function memoryLog() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      for (const line of chunk.toString().split('\n')) if (line) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'major', destination }) };
}

describe('progress', () => {
  it('computes rate and ETA from bytes when their total is known', async () => {
    const progress = new SilentProgress('import');
    progress.start({ messages: 10, bytes: 1000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    progress.advance(5, 500);
    const snapshot = progress.snapshot();
    assert.equal(snapshot.messages, 5);
    assert.ok(snapshot.messagesPerSecond > 0);
    assert.ok(snapshot.etaSeconds! > 0 && snapshot.etaSeconds! < 1, `eta ${snapshot.etaSeconds}`);
    assert.match(describeSnapshot(snapshot), /^5\/10 messages, 0\.0\/0\.0 MB, \d+ msg\/s, 0\.0 MB\/s, ETA 0:0\d$/);
    assert.equal(formatDuration(3725), '1:02:05');
  });

  it('logs a major line periodically, problems at their level, and the summary at the end', async () => {
    const { lines, logger } = memoryLog();
    const progress = new LogProgress('import', logger, 20);
    progress.start({ messages: 4, bytes: 4096 });
    progress.advance(2, 2048);
    await new Promise((resolve) => setTimeout(resolve, 70));
    progress.note('cur/x: EACCES', 'problem');
    progress.finish({ text: 'imported 4 messages', fields: { messages: 4 } });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const periodic = lines.filter((line) => String(line.msg).startsWith('import: 2/4 messages'));
    assert.ok(periodic.length >= 1, JSON.stringify(lines));
    assert.equal(periodic[0]!.level, 30);
    assert.ok(lines.some((line) => line.level === 50 && line.msg === 'import: cur/x: EACCES'));
    assert.deepEqual(lines.at(-1)!.summary, { messages: 4 });
  });

  it('draws a bar with counts, MB, rate and ETA on a terminal', async () => {
    const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 160, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
    let output = '';
    stream.on('data', (chunk) => (output += chunk));
    const progress = new BarProgress('import', stream as unknown as NodeJS.WriteStream);
    progress.start({ messages: 2, bytes: 2 * 1024 * 1024 });
    progress.advance(1, 1024 * 1024);
    progress.note('a note above the bar');
    progress.advance(1, 1024 * 1024);
    progress.finish();
    assert.match(output, /import \[.*\] 100% \| 2\/2 msgs \| 2\.0\/2\.0 MB \| \d+ msg\/s [\d.]+ MB\/s \| ETA /);
    assert.match(output, /a note above the bar/);
  });
});
