// Log lines as text for a person at a terminal: "23:56:11 major  import: imported 2 messages … {fields}".
// pino writes one JSON line per call; this destination rewrites each line before it reaches the stream.
import type { DestinationStream } from 'pino';

const LEVEL_NAMES: Record<number, string> = { 50: 'problems', 30: 'major', 20: 'low-level', 10: 'all' };
const SHOWN_APART = new Set(['level', 'time', 'pid', 'msg']);

export function formatLogLine(jsonLine: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(jsonLine) as Record<string, unknown>;
  } catch {
    return jsonLine;
  }
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 19) : '';
  const level = (LEVEL_NAMES[entry.level as number] ?? String(entry.level)).padEnd(9);
  const rest = Object.fromEntries(Object.entries(entry).filter(([key]) => !SHOWN_APART.has(key)));
  const fields = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
  return `${time} ${level}${String(entry.msg ?? '')}${fields}`;
}

export function textDestination(stream: { write(text: string): unknown }): DestinationStream {
  return {
    write(chunk: string): void {
      for (const line of chunk.split('\n')) if (line) stream.write(formatLogLine(line) + '\n');
    },
  };
}
