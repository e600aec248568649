import type { Http2Session, IncomingHttpHeaders } from "node:http2";

/** What a handler knows about its call and can add to the response. */
export interface ServerCallContext {
  /** `package.Service` or the Java interface name. */
  readonly service: string;
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  /** Aborted when the client cancels (RST_STREAM), the deadline passes or the server stops. */
  readonly signal: AbortSignal;
  /** Epoch ms from `grpc-timeout`, if the client sent one. */
  readonly deadline: number | undefined;
  readonly remoteAddress: string;
  readonly localAddress: string;
  /** Headers to send before the first message (or in a trailers-only response). */
  readonly responseHeaders: Record<string, string>;
  /** Extra trailers to send with `grpc-status`. */
  readonly responseTrailers: Record<string, string>;
}

/**
 * One call's cancellation. Most calls never look at their signal, so the AbortController (the
 * costliest object of a call on node:http2) is made only when `signal` is first read; an abort
 * before that hands out an already aborted signal.
 */
export class CallAbort {
  private controller: AbortController | undefined;
  private reason: unknown;
  aborted = false;

  get signal(): AbortSignal {
    if (this.controller) return this.controller.signal;
    if (this.aborted) return AbortSignal.abort(this.reason);
    this.controller = new AbortController();
    return this.controller.signal;
  }

  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    this.controller?.abort(reason);
  }
}

/** The context of one call; addresses are read from the session once (its socket is a Proxy). */
export class CallContext implements ServerCallContext {
  readonly responseHeaders: Record<string, string> = {};
  readonly responseTrailers: Record<string, string> = {};

  constructor(
    readonly service: string,
    readonly method: string,
    readonly headers: IncomingHttpHeaders,
    readonly deadline: number | undefined,
    private readonly call: CallAbort,
    private readonly peer: Peer,
  ) {}

  get signal(): AbortSignal {
    return this.call.signal;
  }
  get remoteAddress(): string {
    return this.peer.remote;
  }
  get localAddress(): string {
    return this.peer.local;
  }
}

interface Peer {
  readonly remote: string;
  readonly local: string;
}

const peers = new WeakMap<Http2Session, Peer>();
const NO_PEER: Peer = { remote: ":0", local: ":0" };

export function peerOf(session: Http2Session | undefined): Peer {
  if (!session) return NO_PEER;
  let peer = peers.get(session);
  if (!peer) {
    const socket = session.socket;
    peer = {
      remote: `${socket?.remoteAddress ?? ""}:${socket?.remotePort ?? 0}`,
      local: `${socket?.localAddress ?? ""}:${socket?.localPort ?? 0}`,
    };
    peers.set(session, peer);
  }
  return peer;
}
