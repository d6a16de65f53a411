import type { TwofoldApi } from '../../preload/api';

declare global {
  interface Window {
    /** Exposed by the preload (Electron) or by the test bridge client (browser). */
    readonly twofold: TwofoldApi;
  }
}
