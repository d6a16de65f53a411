import type { Me } from '../../shared/api/auth';
import type { ApiResult } from './api/client';
import { errorSentence } from './api/messages';
import type { WebLogin } from './api/schemas';

/**
 * Which page the app shows. Pure, so the unit tests walk every transition
 * without a browser: the pages only report what the service answered.
 */
export type View =
  | { readonly kind: 'loading' }
  | { readonly kind: 'signed_out'; readonly email: string; readonly notice: string | null }
  | { readonly kind: 'challenge'; readonly challengeToken: string; readonly email: string }
  | { readonly kind: 'setup'; readonly user: Me | null; readonly email: string }
  | { readonly kind: 'profile'; readonly user: Me };

export const SIGNED_OUT: View = { kind: 'signed_out', email: '', notice: null };

/** A signed-in user without 2FA whose organisation requires it goes straight to the enable flow. */
export function viewForUser(user: Me): View {
  if (!user.twoFactor.enabled && user.org.requires2fa) return { kind: 'setup', user, email: user.email };
  return { kind: 'profile', user };
}

/** The first page after loading: GET /api/me tells whether the session cookie is still good. */
export function viewAfterBoot(me: ApiResult<Me>): View {
  if (me.ok) return viewForUser(me.value);
  // A setup-only session (after an admin reset, or a first sign-in) may do nothing but enrol.
  if (me.error.code === 'setup_required') return { kind: 'setup', user: null, email: '' };
  if (me.error.code === 'unauthorized' || me.error.status === 401) return SIGNED_OUT;
  // Anything else (the service down, an unexpected answer) is said on the sign-in page rather than hidden.
  return { kind: 'signed_out', email: '', notice: errorSentence(me.error, 'general') };
}

export function viewAfterLogin(answer: WebLogin, email: string): View {
  switch (answer.status) {
    case 'signed_in':
      return viewForUser(answer.user);
    case '2fa_required':
      return { kind: 'challenge', challengeToken: answer.challengeToken, email };
    case '2fa_setup_required':
      return { kind: 'setup', user: answer.user ?? null, email: answer.user?.email ?? email };
  }
}

/** What the live region says when a view appears. */
export function announcementFor(view: View): string {
  switch (view.kind) {
    case 'loading':
      return '';
    case 'signed_out':
      return view.notice ?? 'Sign in to your Twofold account.';
    case 'challenge':
      return 'Password accepted. Enter the 6-digit code from your authenticator app.';
    case 'setup':
      return 'Two-factor authentication is required for your account. Set it up to continue.';
    case 'profile':
      return `Signed in as ${view.user.email}.`;
  }
}
