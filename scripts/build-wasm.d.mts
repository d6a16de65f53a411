export interface WasmModule {
  /** The .wat source, relative to the repository root. */
  readonly wat: string;
  /** The TypeScript file that embeds the assembled module. */
  readonly ts: string;
  /** The exported constant holding it as base64. */
  readonly name: string;
}
export const WASM_MODULES: readonly WasmModule[];
/** The module assembled from a .wat file (SIMD on). */
export function assemble(watPath: string): Promise<Buffer>;
/** The TypeScript file that embeds those bytes. */
export function embedded(m: WasmModule, bytes: Buffer): string;
