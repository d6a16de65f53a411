import type { Kysely } from 'kysely';
import type { VisibilityScope } from '../../shared/policy';
import type { DB, OrgTable } from '../db/schema';

export async function insertOrg(db: Kysely<DB>, org: OrgTable): Promise<boolean> {
  const result = await db
    .insertInto('orgs')
    .values(org)
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** By id, or else by exact name (the CLI accepts either). */
export async function findOrg(db: Kysely<DB>, idOrName: string): Promise<OrgTable | undefined> {
  const byId = await db.selectFrom('orgs').selectAll().where('id', '=', idOrName).executeTakeFirst();
  return byId ?? db.selectFrom('orgs').selectAll().where('name', '=', idOrName).executeTakeFirst();
}

/** Organisations inside a visibility scope: everything, a firm and its clients, or one org. */
export async function listOrgs(db: Kysely<DB>, scope: VisibilityScope): Promise<OrgTable[]> {
  let q = db.selectFrom('orgs').selectAll().orderBy('kind').orderBy('name').orderBy('id');
  if (scope.kind === 'partner') q = q.where('firm_id', '=', scope.partnerId);
  else if (scope.kind === 'org') q = q.where('id', '=', scope.orgId);
  else if (scope.kind === 'none') return [];
  return q.execute();
}
