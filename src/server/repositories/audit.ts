import type { Kysely } from 'kysely';
import type { VisibilityScope } from '../../shared/policy';
import type { AuditEventTable, DB } from '../db/schema';
import { newId } from '../domain/tokens';
import { prepared } from './precompiled';

export type AuditInput = Omit<AuditEventTable, 'id'>;

export async function writeAudit(db: Kysely<DB>, event: AuditInput): Promise<string> {
  const id = newId();
  await db
    .insertInto('audit_events')
    .values({ id, ...event })
    .$call(prepared)
    .execute();
  return id;
}

export interface AuditFilter {
  limit: number;
  before?: { at: number; id: string } | undefined;
  targetId?: string | undefined;
  actorId?: string | undefined;
}

/**
 * Newest first, keyset on (at, id). An event is within a scope when its target is;
 * events without a target (a reset of an unknown id) are platform-only.
 */
export async function listAudit(db: Kysely<DB>, scope: VisibilityScope, f: AuditFilter) {
  let q = db
    .selectFrom('audit_events as e')
    .leftJoin('users as a', 'a.id', 'e.actor_id')
    .leftJoin('users as t', 't.id', 'e.target_id')
    .select([
      'e.id',
      'e.at',
      'e.action',
      'e.outcome',
      'e.reason',
      'e.ip',
      'e.request_id',
      'a.id as actor_id',
      'a.email as actor_email',
      'a.name as actor_name',
      't.id as target_id',
      't.email as target_email',
      't.name as target_name',
    ]);
  if (scope.kind === 'partner') q = q.where('t.firm_id', '=', scope.partnerId);
  else if (scope.kind === 'org') q = q.where('t.org_id', '=', scope.orgId);
  else if (scope.kind === 'none') return [];
  if (f.targetId !== undefined) q = q.where('e.target_id', '=', f.targetId);
  if (f.actorId !== undefined) q = q.where('e.actor_id', '=', f.actorId);
  const before = f.before;
  if (before) q = q.where((eb) => eb(eb.refTuple('e.at', 'e.id'), '<', eb.tuple(before.at, before.id)));
  return q.orderBy('e.at', 'desc').orderBy('e.id', 'desc').limit(f.limit).execute();
}
