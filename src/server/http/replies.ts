import { apiErrorBody } from '../../shared/api';

/** Reply schemas for the error statuses a route can answer; every one has the same JSON shape. */
export function errorReplies(...codes: number[]): Record<number, typeof apiErrorBody> {
  return Object.fromEntries([400, ...codes].map((code) => [code, apiErrorBody]));
}
