/**
 * Instantiates one of the hand-written WebAssembly modules embedded as base64
 * (see scripts/build-wasm.mjs). The Node tsconfig has no DOM lib, so the few
 * WebAssembly types used here are declared here.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: Record<string, unknown> };
}

/** The module's exports; `memory` is always there (every .wat exports it). */
export function instantiateEmbedded(base64: string): { memory: WasmMemory } & Record<string, unknown> {
  const { Instance, Module } = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
  const { exports } = new Instance(new Module(Buffer.from(base64, 'base64')));
  return { ...exports, memory: exports.memory as WasmMemory };
}
