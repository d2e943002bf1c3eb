// Per-user rate limit for questions and autocomplete: at most `limit` uses in any `windowMs` window (a sliding
// window of timestamps per user). No timers: old entries are pruned when users come back, and the whole map
// is swept when it grows, so a flood of distinct users cannot grow memory without bound.
export class Cooldown {
  private readonly hits = new Map<string, number[]>();

  /** limit 0 (or less) disables the cooldown. */
  constructor(
    readonly limit: number,
    readonly windowMs = 10_000,
    private readonly now: () => number = () => Date.now(),
    private readonly maxUsers = 10_000,
  ) {}

  get enabled(): boolean {
    return this.limit > 0;
  }

  /**
   * Records a use by `userId` and returns 0 when it is allowed; otherwise returns how many milliseconds remain
   * until the user may try again (and records nothing, so waiting always helps).
   */
  take(userId: string): number {
    if (!this.enabled) return 0;
    const t = this.now();
    const recent = (this.hits.get(userId) ?? []).filter((at) => t - at < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(userId, recent);
      const oldest = recent[0] ?? t;
      return Math.max(1, oldest + this.windowMs - t);
    }
    recent.push(t);
    this.hits.set(userId, recent);
    if (this.hits.size > this.maxUsers) this.sweep(t);
    return 0;
  }

  /** How many users are tracked (for tests). */
  get size(): number {
    return this.hits.size;
  }

  private sweep(t: number): void {
    for (const [user, times] of this.hits) if (times.every((at) => t - at >= this.windowMs)) this.hits.delete(user);
  }
}

/** "3 s" style wait for a friendly message (at least 1 s). */
export function waitText(ms: number): string {
  return `${Math.max(1, Math.ceil(ms / 1000))} s`;
}
