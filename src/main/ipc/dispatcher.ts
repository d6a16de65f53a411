import type { z } from 'zod';
import type { AnyChannel, ChannelRecord, Handlers } from '../../shared/ipc';
import { AppError, type Result } from '../../shared/result';

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** A registered channel: its contract and the handler that serves it. */
interface Route<Ctx> {
  readonly channel: AnyChannel;
  readonly handler: (args: unknown, ctx: Ctx) => unknown;
}

/**
 * Validates arguments from `unknown` with the contract's zod schema, runs the
 * handler and turns every outcome into data. The Electron adapter and the
 * test bridge both call `dispatch`, so they serve exactly the same handlers.
 */
export class Dispatcher<Ctx> {
  private readonly routes = new Map<string, Route<Ctx>>();

  constructor(private readonly log: Logger) {}

  register<R extends ChannelRecord>(record: R, handlers: Handlers<R, Ctx>): this {
    for (const [key, channel] of Object.entries(record)) {
      if (this.routes.has(channel.name)) throw new Error(`IPC channel registered twice: ${channel.name}`);
      const handler = (handlers as Record<string, Route<Ctx>['handler']>)[key];
      if (!handler) throw new Error(`No handler for IPC channel ${channel.name}`);
      this.routes.set(channel.name, { channel, handler });
    }
    return this;
  }

  channelNames(): string[] {
    return [...this.routes.keys()];
  }

  async dispatch(name: string, rawArgs: unknown, ctx: Ctx): Promise<Result<unknown>> {
    const route = this.routes.get(name);
    if (!route) return { ok: false, error: { code: 'unknown_channel', message: `There is no action called ${name}.` } };
    const parsed = route.channel.args.safeParse(rawArgs);
    if (!parsed.success)
      return { ok: false, error: { code: 'invalid_arguments', message: describeIssues(parsed.error) } };
    try {
      const value = await route.handler(parsed.data, ctx);
      return { ok: true, value: route.channel.result.parse(value) };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toData() };
      // Log the failure's kind, never its message: it may quote a secret value.
      this.log.error('IPC handler failed', {
        channel: name,
        error: error instanceof Error ? error.name : typeof error,
      });
      return { ok: false, error: { code: 'internal', message: 'Something went wrong. Please try again.' } };
    }
  }
}

function describeIssues(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'The request was not understood.';
  const where = first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  return `${where}${first.message}`;
}
