import type { Mail } from '../repositories/mail-queue';

/** The notice a user receives after an admin reset of their 2FA. Plain text, no links to phish with. */
export function resetNotice(opts: {
  to: string;
  name: string;
  actorName: string;
  reason: string | null;
  at: number;
}): Mail {
  const when = new Date(opts.at).toISOString().replace('T', ' ').slice(0, 16);
  return {
    to: opts.to,
    subject: 'Your Twofold two-factor authentication was reset',
    body: [
      `Hello ${opts.name},`,
      '',
      `${opts.actorName}, an administrator, reset two-factor authentication on your Twofold account on ${when} UTC.`,
      `Reason given: ${opts.reason?.trim() || 'none'}`,
      '',
      'Your backup codes and remembered browsers no longer work, and you were signed out everywhere.',
      'The next time you sign in you will be asked to set up two-factor authentication again.',
      '',
      'If you did not ask for this, contact your administrator straight away.',
    ].join('\n'),
  };
}
