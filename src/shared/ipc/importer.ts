import { z } from 'zod';
import { accountMetaSchema, otpAlgorithmSchema, otpTypeSchema } from './accounts';
import { defineChannel, noArgs } from './contract';

/** Where a QR code was found: which image of the scan, and its bounding box in that image's pixels. */
export const positionSchema = z.object({
  image: z.number().int().nonnegative(),
  x: z.number(),
  y: z.number(),
  width: z.number(),
  height: z.number(),
});

/**
 * One thing found by a scan or parse. Candidates carry metadata only; the
 * secret stays in main, keyed by candidate id.
 */
export const candidateSchema = z.object({
  id: z.string(),
  source: z.enum(['otpauth', 'migration', 'backup', 'manual']),
  issuer: z.string(),
  label: z.string(),
  type: otpTypeSchema,
  algorithm: otpAlgorithmSchema,
  digits: z.number(),
  period: z.number(),
  position: positionSchema.nullable(),
});
export type Candidate = z.infer<typeof candidateSchema>;

/** Something a scan found but cannot import, with the reason in a sentence. */
export const rejectedSchema = z.object({
  reason: z.string(),
  issuer: z.string().optional(),
  label: z.string().optional(),
  position: positionSchema.nullable(),
});

/** A Google Authenticator export spread over several QR codes. */
export const migrationBatchSchema = z.object({
  batchId: z.number(),
  size: z.number(),
  collected: z.array(z.number()),
  missing: z.array(z.number()),
  complete: z.boolean(),
});

export const scanReportSchema = z.object({
  images: z.number().int().nonnegative(),
  qrCodes: z.number().int().nonnegative(),
  candidates: z.array(candidateSchema),
  rejected: z.array(rejectedSchema),
  batches: z.array(migrationBatchSchema),
});
export type ScanReport = z.infer<typeof scanReportSchema>;

export const previewItemSchema = z.object({
  candidateId: z.string(),
  issuer: z.string(),
  label: z.string(),
  status: z.enum(['new', 'duplicate', 'conflict']),
  /** For duplicates and conflicts: the existing account it matches. */
  existingId: z.string().nullable(),
  detail: z.string().nullable(),
});

export const importPreviewSchema = z.object({
  previewId: z.string(),
  items: z.array(previewItemSchema),
  rejected: z.array(rejectedSchema),
});
export type ImportPreview = z.infer<typeof importPreviewSchema>;

export const manualEntrySchema = z.object({
  issuer: z.string().max(200).default(''),
  label: z.string().min(1, 'Enter a label, such as your email or user name.').max(200),
  secret: z.string().min(1, 'Enter the secret key shown by the service.').max(1024),
  type: otpTypeSchema.default('totp'),
  algorithm: otpAlgorithmSchema.default('SHA1'),
  digits: z.number().int().min(6).max(8).default(6),
  period: z.number().int().min(1).max(3600).default(30),
  counter: z.number().int().nonnegative().default(0),
  group: z.string().max(100).nullable().optional(),
});

const imageBytes = z.object({ name: z.string().max(500).optional(), bytes: z.instanceof(Uint8Array) });

export const importChannels = {
  /** Captures every display in memory and decodes all QR codes on them. */
  scanScreens: defineChannel('import:scan-screens', noArgs, scanReportSchema),
  /** Decodes image files (PNG, JPEG, WebP) opened or dropped by the user. */
  scanImages: defineChannel(
    'import:scan-images',
    z.object({ files: z.array(imageBytes).min(1).max(50) }),
    scanReportSchema,
  ),
  /** Reads the clipboard: an image is decoded, text is parsed as otpauth / otpauth-migration URIs. */
  scanClipboard: defineChannel('import:scan-clipboard', noArgs, scanReportSchema),
  /** Parses pasted text holding otpauth:// or otpauth-migration:// URIs, one per line. */
  parseText: defineChannel('import:parse-text', z.object({ text: z.string().min(1).max(100_000) }), scanReportSchema),
  manual: defineChannel('import:manual', manualEntrySchema, scanReportSchema),
  /** Reads an encrypted backup; its accounts become candidates. */
  readBackup: defineChannel(
    'import:read-backup',
    z.object({ bytes: z.instanceof(Uint8Array), passphrase: z.string().min(1).max(1024) }),
    scanReportSchema,
  ),
  /** Google Authenticator batches collected so far and the pages still missing. */
  pendingBatches: defineChannel('import:pending-batches', noArgs, z.array(migrationBatchSchema)),
  discardBatches: defineChannel('import:discard-batches', noArgs, z.null()),
  /** Dry run: what importing these candidates would do. Nothing is saved. */
  preview: defineChannel('import:preview', z.object({ candidateIds: z.array(z.string()).min(1) }), importPreviewSchema),
  /** Imports the previewed items (or the chosen subset) atomically. */
  commit: defineChannel(
    'import:commit',
    z.object({ previewId: z.string().min(1), candidateIds: z.array(z.string()).optional() }),
    z.object({ imported: z.array(accountMetaSchema), skipped: z.number().int() }),
  ),
} as const;

export const exportChannels = {
  /** Writes an encrypted backup of the whole vault; main picks the file (save dialog). */
  backup: defineChannel(
    'export:backup',
    z.object({ passphrase: z.string().min(8, 'A backup passphrase needs at least 8 characters.').max(1024) }),
    z.object({ path: z.string().nullable(), accounts: z.number().int() }),
  ),
  /** Writes otpauth URIs, or Google migration QR codes as images, to a file main picks. */
  plain: defineChannel(
    'export:plain',
    z.object({ format: z.enum(['otpauth', 'migration-qr']), ids: z.array(z.string()).optional() }),
    z.object({ path: z.string().nullable(), accounts: z.number().int() }),
  ),
} as const;
