// Reading an applicant's multipart upload: text fields and files, each file read into memory up to the
// cap (a file cut at the cap is refused) and checked by its first bytes.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { type Attachment, MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS_PER_UPLOAD, safeName, sha256Hex, sniff } from './files.js';

export interface Upload {
  fields: Record<string, string>;
  files: Attachment[];
}

const KIND_OF_PART: Record<string, Attachment['kind']> = { certificate: 'property_certificate', plan: 'plan', document: 'document' };

export const multipartLimits = {
  fileSize: MAX_ATTACHMENT_BYTES,
  files: MAX_ATTACHMENTS_PER_UPLOAD,
  fields: 20,
  fieldSize: 16 * 1024,
  parts: 24,
  headerPairs: 100,
};

const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

export async function readUpload(req: FastifyRequest, allowed: string[]): Promise<Upload> {
  if (!req.isMultipart()) throw new AppError('invalid_request', { detail: 'send multipart/form-data' });
  const fields: Record<string, string> = {};
  const files: Attachment[] = [];
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const kind = KIND_OF_PART[part.fieldname];
        if (!kind || !allowed.includes(part.fieldname)) {
          part.file.resume();
          throw new AppError('invalid_request', { detail: `unexpected file part "${part.fieldname.slice(0, 40)}"; expected ${allowed.join(', ')}` });
        }
        const chunks: Buffer[] = [];
        for await (const chunk of part.file) chunks.push(chunk as Buffer);
        const shown = (part.filename || part.fieldname).split(/[\\/]/).pop()!.slice(0, 80);
        if (part.file.truncated) throw new AppError('attachment_too_large', { file: shown, limit: mb(MAX_ATTACHMENT_BYTES) });
        const content = Buffer.concat(chunks);
        if (content.length === 0) continue; // an empty file input in a browser form
        const mediaType = sniff(content);
        if (!mediaType) throw new AppError('attachment_type', { file: shown });
        files.push({ kind, filename: safeName(part.filename, mediaType), mediaType, content, sha256: sha256Hex(content) });
      } else {
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw new AppError('invalid_request', { detail: `at most ${MAX_ATTACHMENTS_PER_UPLOAD} files and 20 fields` });
    }
    throw err;
  }
  return { fields, files };
}
