/**
 * The dry run every import shows before anything is saved: which candidates
 * are new, which duplicate an existing account (same secret, issuer and label),
 * and which conflict with one (same name but another secret, or the same
 * secret under another name).
 */
import type { z } from 'zod';
import type { previewItemSchema } from '../../../shared/ipc/importer';
import { type Account, sameSecret } from '../model';
import type { CandidateEntry } from './session';

export type PreviewItem = z.infer<typeof previewItemSchema>;

const fold = (s: string) => s.trim().toLowerCase();

export function classify(candidates: readonly CandidateEntry[], existing: readonly Account[]): PreviewItem[] {
  const accepted: CandidateEntry[] = [];
  return candidates.map((c) => {
    const p = c.params;
    const item = (status: PreviewItem['status'], existingId: string | null, detail: string | null): PreviewItem => ({
      candidateId: c.meta.id,
      issuer: p.issuer,
      label: p.label,
      status,
      existingId,
      detail,
    });
    const sameName = (a: { issuer: string; label: string }) =>
      fold(a.issuer) === fold(p.issuer) && fold(a.label) === fold(p.label);
    const dup = existing.find((a) => sameName(a) && sameSecret(a.secret, p.secret));
    if (dup) return item('duplicate', dup.id, 'Already in the vault.');
    if (accepted.some((o) => sameName(o.params) && sameSecret(o.params.secret, p.secret)))
      return item('duplicate', null, 'Listed twice in this import.');
    accepted.push(c);
    const named = existing.find(sameName);
    if (named)
      return item(
        'conflict',
        named.id,
        'An account with this issuer and label already exists with a different secret.',
      );
    const twin = existing.find((a) => sameSecret(a.secret, p.secret));
    if (twin)
      return item(
        'conflict',
        twin.id,
        `The same secret is already saved as ${twin.issuer ? `${twin.issuer} (${twin.label})` : twin.label}.`,
      );
    return item('new', null, null);
  });
}
