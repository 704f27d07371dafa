// In-process change notifier: the store publishes after each commit, IMAP IDLE sessions and live views subscribe
// per account. A PostgreSQL LISTEN/NOTIFY notifier will implement the same interface for several nodes.
import { log } from '../log/logger.ts';
import type { ChangeListener, ChangeNotifier } from './store.ts';
import type { ChangeEvent } from './types.ts';

export class InProcessNotifier implements ChangeNotifier {
  private readonly listeners = new Map<number, Set<ChangeListener>>();

  publish(event: ChangeEvent): void {
    const listeners = this.listeners.get(event.accountId);
    if (!listeners) return;
    // A copy: a listener may unsubscribe (or subscribe others) while we deliver.
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        // One broken subscriber must not stop the others nor the writer that published.
        log.problems({ err: error, accountId: event.accountId, kind: event.kind }, 'change listener failed');
      }
    }
  }

  subscribe(accountId: number, listener: ChangeListener): () => void {
    let set = this.listeners.get(accountId);
    if (!set) {
      set = new Set();
      this.listeners.set(accountId, set);
    }
    set.add(listener);
    return () => {
      const current = this.listeners.get(accountId);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) this.listeners.delete(accountId);
    };
  }
}
