// The socket side of an IMAP session: input handed to a callback with flow control, output gathered into
// large writes (one syscall for many small responses) with backpressure, streamed literals piped from the blob
// store, the STARTTLS upgrade, and the idle timeout.
import type { Socket } from 'node:net';
import type { Readable } from 'node:stream';
import type { TLSSocket } from 'node:tls';
import { upgradeToTls, type ServerTls } from '../../net/tls.ts';
import type { BufferPool } from './buffer-pool.ts';

/** Output is gathered into pooled buffers of this size, each written to the socket when full or flushed. */
const WRITE_BATCH = 64 * 1024;
/**
 * Bytes handed to the socket whose write has not been confirmed yet, beyond which the writer waits. The kernel
 * takes loopback writes at once, so the socket never asks to drain, but the confirmations (which give the
 * buffers back to the pool) only run once the writer yields: without this bound a FETCH of thousands of
 * messages that never waits would keep every batch it wrote alive until it ended.
 */
const MAX_UNCONFIRMED = 128 * 1024;

export interface ConnectionEvents {
  data(chunk: Buffer): void;
  /** the socket closed (by either side) */
  close(): void;
  /** nothing came from the client for the idle timeout */
  timeout(): void;
}

export class ImapSocket {
  private socket: Socket | TLSSocket;
  /** the batch being filled, and how much of it is used */
  private batch: Buffer | null = null;
  private used = 0;
  private unconfirmed = 0;
  private closed = false;
  private drainWaiters: Array<() => void> = [];
  private readonly onData = (chunk: Buffer) => {
    this.bytesIn += chunk.length;
    this.events.data(chunk);
  };
  bytesIn = 0;
  bytesOut = 0;
  secure: boolean;

  constructor(
    socket: Socket | TLSSocket, secure: boolean, private readonly idleTimeoutMs: number, private readonly events: ConnectionEvents,
    private readonly pool: BufferPool,
  ) {
    this.socket = socket;
    this.secure = secure;
    this.attach(socket);
  }

  get isClosed(): boolean {
    return this.closed;
  }

  private attach(socket: Socket | TLSSocket): void {
    socket.on('data', this.onData);
    socket.on('drain', () => this.wakeDrain());
    socket.once('close', () => this.markClosed());
    // errors (reset by peer…) end in 'close'; the listener keeps them from being thrown
    socket.on('error', () => this.markClosed());
    socket.setTimeout(this.idleTimeoutMs, () => this.events.timeout());
  }

  private markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.batch = null;
    this.used = 0;
    this.wakeDrain();
    this.events.close();
  }

  private wakeDrain(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const wake of waiters) wake();
  }

  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    if (!this.closed) this.socket.resume();
  }

  /** Copies bytes into the current batch; full batches go out (the caller may reuse `data` at once). */
  write(data: Buffer): void {
    if (this.closed || data.length === 0) return;
    let at = 0;
    while (at < data.length) {
      this.batch ??= this.pool.acquire(WRITE_BATCH);
      const copied = data.copy(this.batch, this.used, at);
      this.used += copied;
      at += copied;
      if (this.used === this.batch.length) this.writeOut();
    }
  }

  private writeOut(): void {
    const batch = this.batch;
    if (!batch || this.used === 0 || this.closed) return;
    const used = this.used;
    this.batch = null;
    this.used = 0;
    this.bytesOut += used;
    this.unconfirmed += used;
    // the buffer returns to the pool once the socket has handed its bytes on
    this.socket.write(batch.subarray(0, used), () => {
      this.unconfirmed -= used;
      this.pool.release(batch);
      if (!this.congested) this.wakeDrain();
    });
  }

  /** true when the writer should wait (see drained()): the kernel buffer is full, or too much is unconfirmed */
  get congested(): boolean {
    return this.socket.writableNeedDrain || this.unconfirmed > MAX_UNCONFIRMED;
  }

  /** Resolves once the socket can take more (at once when it can). */
  drained(): Promise<void> {
    if (this.closed || !this.congested) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  /** Writes everything queued. */
  async flush(): Promise<void> {
    this.writeOut();
    await this.drained();
  }

  /**
   * Pipes a stream (a blob range) into the output, each chunk through `convert`, exactly `size` bytes,
   * honouring backpressure. A stream that fails or ends short is padded to `size` (the client counts on the
   * announced literal size; a broken message is better than a broken session) and the failure is returned.
   */
  async writeStream(stream: Readable | Iterable<Buffer>, size: number, convert: (chunk: Buffer) => Buffer): Promise<Error | null> {
    let written = 0;
    let failure: Error | null = null;
    try {
      // read to the stream's natural end: leaving the loop early destroys it with an error (costly stack);
      // each piece is copied into the output before the next is taken (pieces may share one buffer)
      for await (const raw of stream as AsyncIterable<Buffer> | Iterable<Buffer>) {
        if (this.closed) break;
        if (written >= size) continue;
        const chunk = convert(raw);
        const piece = written + chunk.length > size ? chunk.subarray(0, size - written) : chunk;
        written += piece.length;
        this.write(piece);
        if (this.congested) await this.drained();
      }
    } catch (error) {
      failure = error as Error;
    } finally {
      if ('destroy' in stream && !stream.destroyed) stream.destroy();
    }
    if (written < size && !this.closed) {
      this.write(Buffer.alloc(size - written, 0x20));
      failure ??= new Error(`stream ended after ${written} of ${size} bytes`);
    }
    return failure;
  }

  /** Writes bytes announced as a literal of `size`: cut or padded to exactly that size (see writeStream). */
  writeExactly(data: Buffer, size: number): void {
    if (data.length >= size) {
      this.write(data.length === size ? data : data.subarray(0, size));
      return;
    }
    this.write(data);
    this.write(Buffer.alloc(size - data.length, 0x20));
  }

  /** RFC 3501 §6.2.1: the handshake starts right after the tagged OK was written. */
  async startTls(tls: ServerTls): Promise<void> {
    await this.flush();
    const plain = this.socket as Socket;
    plain.off('data', this.onData);
    plain.setTimeout(0);
    const secure = await upgradeToTls(plain, tls);
    this.socket = secure;
    this.secure = true;
    secure.on('data', this.onData);
    secure.on('drain', () => this.wakeDrain());
    secure.on('error', () => this.markClosed());
    secure.setTimeout(this.idleTimeoutMs, () => this.events.timeout());
  }

  /** Writes what is queued, then closes. */
  end(): void {
    if (this.closed) return;
    this.writeOut();
    this.socket.end();
  }

  destroy(): void {
    this.socket.destroy();
  }
}
