/**
 * The request side of a client-streaming call: an async iterable that yields what is pushed, in order, and ends
 * when `end` is called. Connect reads a stream's requests from an async iterable; sends push into one.
 */
export class RequestQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private ended = false;
  private wake: (() => void) | undefined;

  /** Queues a request; ignored once the queue has ended. */
  push(item: T): void {
    if (!this.ended) {
      this.items.push(item);
      this.signal();
    }
  }

  /** Ends the requests: the call is half-closed once the queued ones are sent. */
  end(): void {
    this.ended = true;
    this.signal();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      const item = this.items.shift();
      if (item !== undefined) {
        yield item;
      } else if (this.ended) {
        return;
      } else {
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
    }
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
