import { useId, useState } from 'react';
import type { Me } from '../../../shared/api/auth';
import { ROLE_LABELS } from '../../../shared/roles';
import type { Client } from '../api/client';
import { useFocusOnMount } from '../components/hooks';
import { DevicesSection } from './DevicesSection';
import { TwoFactorSection } from './TwoFactorSection';

interface Props {
  readonly client: Client;
  readonly user: Me;
  /** Reload the signed-in user after a change; answers with the fresh user. */
  readonly onRefresh: () => Promise<void>;
}

export function ProfilePage({ client, user, onRefresh }: Props) {
  const id = useId();
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [reloadKey, setReloadKey] = useState(0);

  return (
    <div className="profile">
      <section className="card" aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`} ref={heading} tabIndex={-1}>
          Your account
        </h1>
        <dl className="facts">
          <div>
            <dt>Name</dt>
            <dd>{user.name}</dd>
          </div>
          <div>
            <dt>Email</dt>
            <dd data-testid="profile-email">{user.email}</dd>
          </div>
          <div>
            <dt>Organisation</dt>
            <dd>{user.org.name}</dd>
          </div>
          <div>
            <dt>Role</dt>
            <dd>{ROLE_LABELS[user.role]}</dd>
          </div>
        </dl>
      </section>
      <TwoFactorSection
        client={client}
        user={user}
        onChanged={() => {
          void onRefresh();
          setReloadKey((k) => k + 1);
        }}
      />
      {/* Remounted when 2FA changes, since turning it off or on again revokes every remembered browser. */}
      <DevicesSection key={reloadKey} client={client} />
    </div>
  );
}
