/** Typed messages between the decoder client and decode-worker, matched by correlation id. */
export interface DecodeRequest {
  readonly id: number;
  readonly width: number;
  readonly height: number;
  /** Transferred, not copied: the sender's buffer is detached after postMessage. */
  readonly pixels: ArrayBuffer;
  /** Screens are upright and sharp; files may be photos, where downscaled passes help. */
  readonly kind: 'screen' | 'file';
}

export interface FoundCode {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly inverted: boolean;
}

export type DecodeReply =
  | { readonly id: number; readonly ok: true; readonly codes: FoundCode[]; readonly ms: number }
  | { readonly id: number; readonly ok: false; readonly error: string };
