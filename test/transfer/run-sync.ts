// Runs the transfer engine in the test process, with the test Dovecot's password and plaintext allowed on
// loopback (the Dovecot harness has no TLS by default).
import { passwordProvider } from '../../src/endpoints/credentials.ts';
import { createLogger, type Logger } from '../../src/log/logger.ts';
import type { Store } from '../../src/store/store.ts';
import { runTransfer } from '../../src/transfer/engine.ts';
import { openPair } from '../../src/transfer/open-pair.ts';
import type { TransferReport } from '../../src/transfer/report.ts';
import { DEFAULT_DELIVERY_BUDGET, DEFAULT_RETRY, syncPair, type TransferSettings } from '../../src/transfer/settings.ts';
import { SilentProgress } from '../../src/util/progress.ts';
import { PASSWORD } from './fixtures.ts';

export function settingsFor(source: string, dest: string, overrides: Partial<TransferSettings> = {}): TransferSettings {
  return {
    pair: syncPair(source, dest), folders: { mode: 'standard', include: [], exclude: [], maps: [] }, twoWay: false, propagateDeletes: false,
    dryRun: false, verify: false, connections: 2, normalizeNames: false, retry: { ...DEFAULT_RETRY, baseDelayMs: 50 }, memoryLimit: 1024 * 1024,
    deliveryBudget: DEFAULT_DELIVERY_BUDGET,
    ...overrides,
  };
}

export const quietLogger = createLogger({ level: 'problems' });

export async function runSync(store: Store, source: string, dest: string, overrides: Partial<TransferSettings> = {}, passwords: Record<string, string> = {}, logger: Logger = quietLogger): Promise<TransferReport> {
  const { source: from, dest: to } = openPair(source, dest, {
    store, logger, allowPlaintext: true,
    credentials: (_side, spec) => passwordProvider(async () => passwords[spec.url] ?? PASSWORD),
  });
  return runTransfer(from, to, settingsFor(from.url, to.url, overrides), { ledger: store.transferLedger, logger, progress: new SilentProgress('sync') });
}

/** A logger at `major` whose lines the test can read. */
export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  return { logger: createLogger({ level: 'major', destination: { write: (line: string) => lines.push(line) } }), lines };
}
