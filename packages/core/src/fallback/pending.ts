/**
 * The observers' work during one call: each piece starts on the next turn of the event loop, so after the next
 * member's request has been handed to `fetch` (building a request never yields to the loop), and all of it is
 * settled before the call completes.
 */
export class Pending {
  private readonly work: Promise<void>[] = []

  /** Schedules `run`; an observer must never break the call it observes, by throwing or by rejecting. */
  add(run: () => void | Promise<void>): void {
    this.work.push(new Promise<void>((resolve) => setImmediate(resolve)).then(run).catch(() => undefined))
  }

  /** Waits for everything started so far. */
  async settle(): Promise<void> {
    while (this.work.length > 0) await Promise.all(this.work.splice(0))
  }
}
