/** The module assembled from a .wat file (SIMD on). */
export function assemble(watPath: string): Promise<Buffer>;
/** The TypeScript file that embeds those bytes. */
export function embedded(bytes: Buffer): string;
