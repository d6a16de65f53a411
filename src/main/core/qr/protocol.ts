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
  /**
   * Hand the dark-mode pass to a second worker: this worker sends back the inverted grey image
   * (type 'inverted') and reads the normal polarity only.
   */
  readonly splitInverted: boolean;
}

/** Read this grey image (already inverted by the first worker) as it is; codes found are dark-mode ones. */
export interface GreyRequest {
  readonly type: 'grey';
  readonly id: number;
  readonly width: number;
  readonly height: number;
  readonly grey: ArrayBuffer;
}

export type WorkerRequest = PixelsRequest | GreyRequest;

export interface FoundCode {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly inverted: boolean;
}

export type WorkerReply =
  | { readonly type: 'inverted'; readonly id: number; readonly grey: ArrayBuffer }
  | { readonly type: 'done'; readonly id: number; readonly ok: true; readonly codes: FoundCode[]; readonly ms: number }
  | { readonly type: 'done'; readonly id: number; readonly ok: false; readonly error: string };
