// Failed-login throttling shared by the POP3 and IMAP servers: each failure delays the answer (growing with
// the failures seen from that IP and for that account), and past a limit in the window further attempts are
// refused outright with a temporary error, per IP and per account, without checking the password.
import { SlidingWindowCounter } from './sliding-window.ts';

export interface AuthThrottleOptions {
  /** delay before answering the first failure; doubles with each further failure */
  failureDelayMs: number;
  maxFailureDelayMs: number;
  windowMs: number;
  maxFailuresPerIp: number;
  maxFailuresPerAccount: number;
}

export const DEFAULT_AUTH_THROTTLE: AuthThrottleOptions = {
  failureDelayMs: 1000,
  maxFailureDelayMs: 8000,
  windowMs: 15 * 60_000,
  maxFailuresPerIp: 30,
  maxFailuresPerAccount: 15,
};

export class AuthThrottle {
  private readonly byIp: SlidingWindowCounter;
  private readonly byAccount: SlidingWindowCounter;

  constructor(private readonly options: AuthThrottleOptions = DEFAULT_AUTH_THROTTLE) {
    this.byIp = new SlidingWindowCounter(options.windowMs);
    this.byAccount = new SlidingWindowCounter(options.windowMs);
  }

  /** Why a login attempt must be refused before checking it, or null when it may proceed. */
  blocked(ip: string, account: string): 'ip' | 'account' | null {
    if (this.byIp.count(ip) >= this.options.maxFailuresPerIp) return 'ip';
    if (this.byAccount.count(account.toLowerCase()) >= this.options.maxFailuresPerAccount) return 'account';
    return null;
  }

  /** Records a failure; returns how long to wait before answering it. */
  failed(ip: string, account: string): number {
    const failures = Math.max(this.byIp.add(ip), this.byAccount.add(account.toLowerCase()));
    return Math.min(this.options.failureDelayMs * 2 ** Math.min(failures - 1, 20), this.options.maxFailureDelayMs);
  }

  /** A success clears the account's count (the user got it right), not the IP's. */
  succeeded(account: string): void {
    this.byAccount.reset(account.toLowerCase());
  }
}
