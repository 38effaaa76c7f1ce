/** What a watchdog was waiting for when it expired. */
export type WatchdogWait = "headers" | "headers-after-body" | "request-body" | "reply-body";

/**
 * One timer that is re-armed far more often than it fires: each `arm` only moves
 * the deadline, and the timer, when it fires early, sleeps again for what is left.
 * Re-arming on every chunk of a multi-GB transfer therefore costs a clock read, not
 * a new timer.
 */
export class Watchdog {
  #deadline = Number.POSITIVE_INFINITY;
  #firesAt = Number.POSITIVE_INFINITY;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #milliseconds = 0;
  #wait: WatchdogWait = "headers";
  readonly #onExpire: (milliseconds: number, wait: WatchdogWait) => void;

  /** @param onExpire - Called once when a deadline passes without a new `arm`. */
  constructor(onExpire: (milliseconds: number, wait: WatchdogWait) => void) {
    this.#onExpire = onExpire;
  }

  /** Expires `milliseconds` from now unless armed again or disarmed before. */
  arm(milliseconds: number, wait: WatchdogWait): void {
    this.#milliseconds = milliseconds;
    this.#wait = wait;
    const now = Date.now();
    this.#deadline = now + milliseconds;
    if (this.#timer !== undefined && this.#firesAt <= this.#deadline) return;
    this.#schedule(now);
  }

  /** Moves the deadline on by its full length again, if it is armed and waiting for `wait`. */
  extend(wait: WatchdogWait): void {
    if (this.#deadline === Number.POSITIVE_INFINITY || this.#wait !== wait) return;
    this.#deadline = Date.now() + this.#milliseconds;
  }

  /** Stops watching until the next `arm`. */
  disarm(): void {
    this.#deadline = Number.POSITIVE_INFINITY;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#firesAt = Number.POSITIVE_INFINITY;
  }

  #schedule(now: number): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    const delay = Math.max(0, this.#deadline - now);
    this.#firesAt = now + delay;
    this.#timer = setTimeout(() => this.#fire(), delay);
  }

  #fire(): void {
    this.#timer = undefined;
    const now = Date.now();
    if (now < this.#deadline) {
      this.#schedule(now);
      return;
    }
    this.#deadline = Number.POSITIVE_INFINITY;
    this.#firesAt = Number.POSITIVE_INFINITY;
    this.#onExpire(this.#milliseconds, this.#wait);
  }
}
