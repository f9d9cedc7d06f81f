import { KudzuError } from '../../shared/errors';

/** A fixed window: at most `limit` counted events per key every `windowMs`. */
class AttemptWindow {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(private readonly limit: number, private readonly windowMs: number) {}

  /** Count one attempt; false (and not counted) when the key has used up its window. */
  take(key: string, now: number): boolean {
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      if (this.windows.size > 50_000) this.windows.clear();
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= this.limit) return false;
    window.count += 1;
    return true;
  }

  /** Give back an attempt taken in the current window (a sign-in that succeeded). */
  giveBack(key: string): void {
    const window = this.windows.get(key);
    if (window && window.count > 0) window.count -= 1;
  }
}

export interface SignInLimitOptions {
  /** Attempts (sign-ins and invitation acceptances) from one client address. */
  perAddress: { limit: number; windowMs: number };
  /** Failed sign-ins at one account, from anywhere. */
  perAccount: { limit: number; windowMs: number };
}

export const DEFAULT_SIGN_IN_LIMITS: SignInLimitOptions = {
  perAddress: { limit: 20, windowMs: 60_000 },
  perAccount: { limit: 10, windowMs: 15 * 60_000 },
};

/**
 * Sign-in limits count attempts, not requests: every password checked takes one from its
 * address and one from its account before any hashing happens, so a batch of forty calls in
 * one request is forty attempts, and an account cannot be guessed at from many addresses.
 * A successful sign-in gives its account attempt back.
 */
export class SignInLimits {
  private readonly addresses: AttemptWindow;
  private readonly accounts: AttemptWindow;

  constructor(options: SignInLimitOptions = DEFAULT_SIGN_IN_LIMITS) {
    this.addresses = new AttemptWindow(options.perAddress.limit, options.perAddress.windowMs);
    this.accounts = new AttemptWindow(options.perAccount.limit, options.perAccount.windowMs);
  }

  /** Take one attempt from the address (and the account, when given), or refuse with RATE_LIMITED. */
  take(address: string, account: string | null, now: Date): void {
    if (account !== null && !this.accounts.take(account, now.getTime())) {
      throw new KudzuError('RATE_LIMITED', 'too many sign-in attempts for this account; wait a few minutes');
    }
    if (!this.addresses.take(address, now.getTime())) {
      if (account !== null) this.accounts.giveBack(account);
      throw new KudzuError('RATE_LIMITED', 'too many sign-in attempts from this address; wait a minute');
    }
  }

  succeeded(account: string): void {
    this.accounts.giveBack(account);
  }
}
