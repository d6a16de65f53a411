/** Typed messages between the decoder client and decode-worker, matched by correlation id. */

/** Decode these pixels. Transferred, not copied: the sender's buffer is detached after postMessage. */
export interface PixelsRequest {
  readonly type: 'pixels';
  readonly id: number;
  readonly width: number;
  readonly height: number;
  readonly pixels: ArrayBuffer;
  /** Screens are upright and sharp; files may be photos, where downscaled passes help. */
  readonly kind: 'screen' | 'file';
}

export type WorkerRequest = PixelsRequest;

export interface FoundCode {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly inverted: boolean;
}

export type WorkerReply =
  | { readonly type: 'done'; readonly id: number; readonly ok: true; readonly codes: FoundCode[]; readonly ms: number }
  | { readonly type: 'done'; readonly id: number; readonly ok: false; readonly error: string };
