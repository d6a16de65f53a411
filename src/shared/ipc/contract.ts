import { z } from 'zod';
import type { Result } from '../result';

/**
 * One IPC contract per feature: each feature file in this folder exports a
 * record of request channels (`defineChannel`) and, if it pushes anything, a
 * record of events (`defineEvent`). Main registers handlers from these
 * records, the preload binds functions from them, and the test bridge serves
 * them; no channel string is ever written twice.
 */
export interface Channel<A extends z.ZodType, R extends z.ZodType> {
  readonly name: string;
  readonly args: A;
  readonly result: R;
}

export interface EventChannel<P extends z.ZodType> {
  readonly name: string;
  readonly payload: P;
}

// biome-ignore lint/suspicious/noExplicitAny: a contract record mixes channels of every argument and result type.
export type AnyChannel = Channel<any, any>;
// biome-ignore lint/suspicious/noExplicitAny: as above, for events.
export type AnyEvent = EventChannel<any>;
export type ChannelRecord = Readonly<Record<string, AnyChannel>>;
export type EventRecord = Readonly<Record<string, AnyEvent>>;

export function defineChannel<A extends z.ZodType, R extends z.ZodType>(
  name: string,
  args: A,
  result: R,
): Channel<A, R> {
  return { name, args, result };
}

export function defineEvent<P extends z.ZodType>(name: string, payload: P): EventChannel<P> {
  return { name, payload };
}

/** Arguments for channels that take none. */
export const noArgs = z.undefined().optional();

/** The renderer-side function for one channel: arguments in, a Result out. */
export type Invoker<C extends AnyChannel> =
  undefined extends z.input<C['args']>
    ? (args?: z.input<C['args']>) => Promise<Result<z.output<C['result']>>>
    : (args: z.input<C['args']>) => Promise<Result<z.output<C['result']>>>;

export type BoundChannels<R extends ChannelRecord> = { readonly [K in keyof R]: Invoker<R[K]> };

/** A subscription returns its own unsubscribe function. */
export type Subscriber<E extends AnyEvent> = (listener: (payload: z.output<E['payload']>) => void) => () => void;
export type BoundEvents<R extends EventRecord> = { readonly [K in keyof R]: Subscriber<R[K]> };

/** Main-side handler for one channel: already-validated arguments in, a plain value out (or a thrown AppError). */
export type Handler<C extends AnyChannel, Ctx> = (
  args: z.output<C['args']>,
  ctx: Ctx,
) => Promise<z.input<C['result']>> | z.input<C['result']>;

export type Handlers<R extends ChannelRecord, Ctx> = { readonly [K in keyof R]: Handler<R[K], Ctx> };
