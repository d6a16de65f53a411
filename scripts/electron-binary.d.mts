/** Where the Electron binary is, or null: its download is skipped at install time on purpose. */
export function electronBinary(): string | null;
export const MISSING_ELECTRON: string;
