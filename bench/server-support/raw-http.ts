import { connect, type Socket } from 'node:net';

/** One request as the benches build it. */
export interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** What became of one request: an HTTP status, or why there was none. */
export type Outcome = number | 'error' | 'timeout' | 'unreadable';

/**
 * HTTP/1.1 requests over raw keep-alive sockets, one in flight per socket, for
 * the server benches (closed-loop saturation and fixed-rate latency).
 *
 * The load generator shares the machine's two cores with the service, so its
 * own cost is taken from the service: at 1,500 requests a second, node:http's
 * client spent 145–245 µs of CPU a request here (ClientRequest, its headers, an
 * IncomingMessage and their events) and this 90–120 µs, leaving the service
 * more of the machine it is measured on. The service's answers are read only as far as a latency needs:
 * the status line and a Content-Length body. An answer without Content-Length
 * (the service always sends one) counts as `unreadable` and closes its socket.
 */
export class RawHttpPool {
  private readonly idle: Connection[] = [];
  private readonly waiting: Array<{ bytes: Buffer; onDone: (outcome: Outcome) => void }> = [];
  private readonly all = new Set<Connection>();

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly maxSockets: number,
  ) {}

  /** Sends `req` on an idle socket, a new one, or the first to come free; `onDone` is called once. */
  send(req: RawRequest, onDone: (outcome: Outcome) => void): void {
    this.waiting.push({ bytes: this.encode(req), onDone });
    const free = this.idle.pop();
    if (free) this.next(free);
    else if (this.all.size < this.maxSockets) this.open();
  }

  /** Ends every socket; requests still out are answered `timeout`. */
  close(): void {
    for (const c of this.all) {
      c.socket.destroy();
      c.settle('timeout');
    }
    for (const w of this.waiting.splice(0)) w.onDone('timeout');
  }

  private encode(req: RawRequest): Buffer {
    const body = req.body === undefined ? Buffer.alloc(0) : Buffer.from(req.body);
    const headers = { host: `${this.host}:${this.port}`, ...req.headers, 'content-length': String(body.length) };
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    return Buffer.concat([Buffer.from(`${req.method ?? 'GET'} ${req.path ?? '/'} HTTP/1.1\r\n${head}\r\n`), body]);
  }

  private open(): void {
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    const c = new Connection(socket, () => this.next(c));
    this.all.add(c);
    socket.once('connect', () => this.next(c));
    socket.on('error', () => undefined); // 'close' follows and settles what was out
    socket.once('close', () => {
      this.all.delete(c);
      const at = this.idle.indexOf(c);
      if (at >= 0) this.idle.splice(at, 1);
      c.settle('error');
      if (this.waiting.length > 0 && this.all.size < this.maxSockets) this.open();
    });
  }

  /** Gives a free socket the next waiting request, or parks it. */
  private next(c: Connection): void {
    const job = this.waiting.shift();
    if (job) c.start(job.bytes, job.onDone);
    else this.idle.push(c);
  }
}

const HEAD_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /\r\ncontent-length:[ \t]*(\d+)/i;

/** One keep-alive socket and the request it has out. */
class Connection {
  private pending: Buffer = Buffer.alloc(0);
  private onDone: ((outcome: Outcome) => void) | null = null;

  constructor(
    readonly socket: Socket,
    private readonly free: () => void,
  ) {
    socket.on('data', (chunk: Buffer) => this.read(chunk));
  }

  start(bytes: Buffer, onDone: (outcome: Outcome) => void): void {
    this.onDone = onDone;
    this.socket.write(bytes);
  }

  /** Answers the request out, if any, with `outcome`. */
  settle(outcome: Outcome): void {
    const done = this.onDone;
    this.onDone = null;
    done?.(outcome);
  }

  private read(chunk: Buffer): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const end = this.pending.indexOf(HEAD_END);
    if (end < 0) return;
    const head = this.pending.toString('latin1', 0, end);
    const length = CONTENT_LENGTH.exec(head)?.[1];
    const status = Number(head.slice(9, 12));
    if (length === undefined || !head.startsWith('HTTP/1.1 ') || !Number.isInteger(status)) {
      this.settle('unreadable');
      this.socket.destroy();
      return;
    }
    const total = end + HEAD_END.length + Number(length);
    if (this.pending.length < total) return;
    // One request is out at a time, so nothing may follow its answer.
    this.pending = Buffer.alloc(0);
    this.settle(status);
    this.free();
  }
}
