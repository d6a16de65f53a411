import type { Handlers } from '../shared/ipc';
import type { appChannels } from '../shared/ipc/app';
import { AppError } from '../shared/result';

export interface AppHost {
  readonly version: string;
  readonly platform: string;
  /** True in the browser test bridge. */
  readonly bridge: boolean;
  getContentProtection(): boolean;
  setContentProtection(enabled: boolean): void;
  /** Opens an http(s) URL in the OS browser (the bridge records it instead). */
  openExternal(url: string): Promise<void> | void;
}

export function createAppHandlers<Ctx>(host: AppHost): Handlers<typeof appChannels, Ctx> {
  const info = () => ({
    version: host.version,
    platform: host.platform,
    contentProtection: host.getContentProtection(),
    bridge: host.bridge,
  });
  return {
    info,
    setContentProtection: ({ enabled }) => {
      host.setContentProtection(enabled);
      return info();
    },
    openExternal: async ({ url }) => {
      const { protocol } = new URL(url);
      if (protocol !== 'https:' && protocol !== 'http:') {
        throw new AppError('unsupported_link', 'Only web links (https://) can be opened from Twofold.');
      }
      await host.openExternal(url);
      return null;
    },
  };
}
