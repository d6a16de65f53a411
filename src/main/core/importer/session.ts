/**
 * Everything an import holds between the scan and the commit: candidates
 * (secrets stay here, keyed by id; only metadata leaves), the pages of
 * multi-part Google exports collected so far, and dry-run previews.
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Candidate, migrationBatchSchema, rejectedSchema, ScanReport } from '../../../shared/ipc/importer';
import { AppError } from '../../../shared/result';
import type { OtpParams } from '../model';
import { type MigrationPage, parseMigrationUri } from './migration';
import { parseOtpauthUri } from './uri';

type Rejected = z.infer<typeof rejectedSchema>;
type Batch = z.infer<typeof migrationBatchSchema>;
export type Position = NonNullable<Candidate['position']>;

export interface Payload {
  readonly text: string;
  readonly position: Position | null;
}

export interface CandidateEntry {
  readonly meta: Candidate;
  readonly params: OtpParams;
  readonly group: string | null;
}

export class ImportSession {
  readonly candidates = new Map<string, CandidateEntry>();
  private readonly batches = new Map<number, { size: number; pages: Map<number, MigrationPage> }>();

  add(
    params: OtpParams,
    source: Candidate['source'],
    position: Position | null,
    group: string | null = null,
  ): Candidate {
    const meta: Candidate = {
      id: randomUUID(),
      source,
      issuer: params.issuer,
      label: params.label,
      type: params.type,
      algorithm: params.algorithm,
      digits: params.digits,
      period: params.period,
      position,
    };
    this.candidates.set(meta.id, { meta, params, group });
    return meta;
  }

  /** Parses QR payloads or pasted lines into candidates; anything unusable is reported with its reason. */
  ingest(payloads: readonly Payload[], images: number): ScanReport {
    const candidates: Candidate[] = [];
    const rejected: Rejected[] = [];
    const touched = new Set<number>();
    const seen = new Set<string>();
    for (const { text, position } of payloads) {
      if (seen.has(text)) continue; // the same code on two mirrored displays
      seen.add(text);
      const lower = text.trim().toLowerCase();
      try {
        if (lower.startsWith('otpauth://')) candidates.push(this.add(parseOtpauthUri(text), 'otpauth', position));
        else if (lower.startsWith('otpauth-migration://')) {
          const page = parseMigrationUri(text);
          for (const r of page.rejected) rejected.push({ ...r, position });
          touched.add(page.batchId);
          candidates.push(...this.addPage(page, position));
        } else
          rejected.push({
            reason: 'This QR code is not an authenticator code (otpauth:// or a Google Authenticator export).',
            position,
          });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        rejected.push({ reason: error.message, position });
      }
    }
    const batches = [...touched].map((id) => this.describe(id));
    for (const b of batches) if (b.complete) this.batches.delete(b.batchId);
    return { images, qrCodes: payloads.length, candidates, rejected, batches };
  }

  /** A single-page export becomes candidates at once; a page of a larger one waits for its siblings. */
  private addPage(page: MigrationPage, position: Position | null): Candidate[] {
    if (page.batchSize === 1) return page.accounts.map((a) => this.add(a, 'migration', position));
    let batch = this.batches.get(page.batchId);
    if (!batch || batch.size !== page.batchSize) {
      batch = { size: page.batchSize, pages: new Map() };
      this.batches.set(page.batchId, batch);
    }
    batch.pages.set(page.batchIndex, page);
    if (batch.pages.size < batch.size) return [];
    return [...batch.pages.values()].flatMap((p) => p.accounts.map((a) => this.add(a, 'migration', position)));
  }

  private describe(batchId: number): Batch {
    const batch = this.batches.get(batchId);
    const size = batch?.size ?? 1;
    const collected = batch ? [...batch.pages.keys()].sort((a, b) => a - b) : [];
    const missing = Array.from({ length: size }, (_, i) => i).filter((i) => !collected.includes(i));
    return { batchId, size, collected, missing, complete: missing.length === 0 };
  }

  pendingBatches(): Batch[] {
    return [...this.batches.keys()].map((id) => this.describe(id));
  }

  discardBatches(): void {
    for (const b of this.batches.values())
      for (const p of b.pages.values()) for (const a of p.accounts) a.secret.fill(0);
    this.batches.clear();
  }

  take(ids: readonly string[]): CandidateEntry[] {
    return ids.map((id) => {
      const c = this.candidates.get(id);
      if (!c) throw new AppError('not_found', 'That scanned account is no longer available. Scan it again.');
      return c;
    });
  }

  remove(ids: readonly string[]): void {
    for (const id of ids) this.candidates.delete(id);
  }

  /** On lock: every secret an import was holding is zeroed and dropped. */
  clear(): void {
    for (const c of this.candidates.values()) c.params.secret.fill(0);
    this.candidates.clear();
    this.discardBatches();
  }
}
