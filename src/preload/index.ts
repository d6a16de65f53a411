import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import type { Result } from '../shared/result';
import { createApi } from './api';

// The preload exposes narrow functions only, never ipcRenderer itself.
const api = createApi({
  invoke: (channel, args) => ipcRenderer.invoke(channel, args) as Promise<Result<unknown>>,
  subscribe: (event, listener) => {
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => {
      ipcRenderer.removeListener(event, wrapped);
    };
  },
});

contextBridge.exposeInMainWorld('twofold', api);
