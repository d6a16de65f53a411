import { useCallback, useEffect, useId, useState } from 'react';
import type { ApiFailure, Client } from '../api/client';
import type { Device } from '../api/schemas';
import { ErrorNote } from '../components/ErrorNote';
import { useAnnounce } from '../components/status';
import { formatDate } from '../lib/format';

interface Props {
  readonly client: Client;
}

/** Browsers that skip the code for 30 days, each revocable. */
export function DevicesSection({ client }: Props) {
  const id = useId();
  const announce = useAnnounce();
  const [devices, setDevices] = useState<Device[] | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const load = useCallback(async () => {
    const res = await client.devices();
    if (res.ok) {
      setDevices(res.value.devices);
      setFailure(null);
    } else {
      setFailure(res.error);
    }
  }, [client]);

  useEffect(() => {
    void load();
  }, [load]);

  async function revoke(device: Device) {
    setBusyId(device.id);
    const res = await client.revokeDevice(device.id);
    setBusyId(null);
    if (!res.ok) {
      setFailure(res.error);
      return;
    }
    announce(`${nameOf(device)} will need a code at its next sign-in.`);
    await load();
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="devices">
      <h2 id={`${id}-title`}>Remembered browsers</h2>
      <p className="hint">
        These browsers skip the code for 30 days after you ticked “Remember this browser”. Remove any you don’t
        recognise or no longer use.
      </p>
      <ErrorNote id={`${id}-error`} failure={failure} context="general" />
      {devices === null ? (
        failure ? null : (
          <p aria-busy="true">Loading…</p>
        )
      ) : devices.length === 0 ? (
        <p className="empty">No remembered browsers.</p>
      ) : (
        <ul className="device-list">
          {devices.map((d) => (
            <li key={d.id} data-testid="device">
              <div>
                <div className="device-name">
                  {nameOf(d)}
                  {d.current ? <span className="badge badge-on">This browser</span> : null}
                </div>
                <div className="hint">
                  Added {formatDate(d.createdAt)} · last used {formatDate(d.lastUsedAt)} · expires{' '}
                  {formatDate(d.expiresAt)}
                </div>
              </div>
              <button
                type="button"
                className="button small danger-outline"
                disabled={busyId === d.id}
                aria-label={`Revoke ${nameOf(d)}${d.current ? ' (this browser)' : ''}, added ${formatDate(d.createdAt)}`}
                onClick={() => void revoke(d)}
              >
                Revoke
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function nameOf(d: Device): string {
  return d.label?.trim() ? d.label : 'A browser';
}
