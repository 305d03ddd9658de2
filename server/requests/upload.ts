// Reading an applicant's multipart upload (server/shared/upload.ts): text fields and files, each file read
// into memory up to the cap (a file cut at the cap is refused) and checked by its first bytes.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { readUpload, type UploadRules } from '../shared/upload.js';
import { type Attachment, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_UPLOAD, safeName, sha256Hex, sniff } from './files.js';

export interface Upload {
  fields: Record<string, string>;
  files: Attachment[];
}

const KIND_OF_PART = { certificate: 'property_certificate', plan: 'plan', document: 'document' } as const satisfies Record<string, Attachment['kind']>;
type FilePart = keyof typeof KIND_OF_PART;

export const multipartLimits = {
  fileSize: MAX_ATTACHMENT_BYTES,
  files: MAX_ATTACHMENTS_PER_UPLOAD,
  fields: 20,
  fieldSize: 16 * 1024,
  parts: 24,
  headerPairs: 100,
};

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
/** The file's name as shown in a refusal: without a path, or its part's name when it has none. */
const shown = (f: { field: string; filename: string }) => (f.filename || f.field).split(/[\\/]/).pop()!.slice(0, 80);

/** The fields and files of an applicant's form whose file parts are `allowed`. */
export async function readAttachments(req: FastifyRequest, allowed: FilePart[]): Promise<Upload> {
  const rules: UploadRules = {
    fileParts: allowed,
    notMultipart: 'send multipart/form-data',
    wrongPart: (name) => `unexpected file part "${name}"; expected ${allowed.join(', ')}`,
    tooMany: `at most ${MAX_ATTACHMENTS_PER_UPLOAD} files and 20 fields`,
    tooLarge: (f) => new AppError('attachment_too_large', { file: shown(f), limit: mb(MAX_ATTACHMENT_BYTES) }),
  };
  return readUpload(req, rules, (f): Attachment => {
    const mediaType = sniff(f.content);
    if (!mediaType) throw new AppError('attachment_type', { file: shown(f) });
    return { kind: KIND_OF_PART[f.field as FilePart], filename: safeName(f.filename, mediaType), mediaType, content: f.content, sha256: sha256Hex(f.content) };
  });
}
