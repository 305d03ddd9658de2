// Reading a multipart/form-data upload, for every route that takes one (imports, documents, note requests
// and their replies, problem reports): the text parts as strings, and each file part either read into
// memory or streamed to a folder. Each route keeps its own words for what went wrong.
//
// Fastify does not parse multipart bodies: a route reads its body here, and its fields are checked by
// `checkFields` against the same TypeBox schema that documents them (`multipartBody`). No part's name,
// value or file name may hold a NUL character, as everywhere else (input-guard.ts).
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyMultipartOptions, MultipartFile } from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { SwaggerTransform } from '@fastify/swagger';
import type { Static, TObject } from 'typebox';
import { Value } from 'typebox/value';
import { AppError } from '../errors.js';
import { refuseNul } from './input-guard.js';

/**
 * The plugin's options for a route plugin that takes uploads. A file over `fileSize` is cut there and
 * flagged (`truncated`) rather than failing the plugin's own way, so that the route refuses it with its
 * own error naming the limit.
 */
export function multipartOptions(limits: NonNullable<FastifyMultipartOptions['limits']>): FastifyMultipartOptions {
  return { limits, throwFileSizeLimit: false };
}

/** How a route takes its upload, and what it says when the upload is not that. */
export interface UploadRules {
  /** The names of the file parts accepted. */
  fileParts: readonly string[];
  /** Why a request that is not multipart/form-data is refused (400 invalid_request). */
  notMultipart: string;
  /** Why a file part of another name is refused (400 invalid_request); `name` is cut at 40 characters. */
  wrongPart(name: string): string;
  /** Why more files, fields or parts than the plugin's limits allow are refused (400 invalid_request). */
  tooMany: string;
  /** The error for a file cut at the size limit. */
  tooLarge(file: { field: string; filename: string }): AppError;
}

/** A file part: its part name and the file name as the sender gave it ('' when none). */
export interface UploadedFile {
  field: string;
  filename: string;
}

/**
 * Reads every part in order: text parts into `fields`, file parts through `take`, which must consume the
 * part's stream. A file cut at the size limit is refused once taken, before the next part is read.
 */
async function readParts(req: FastifyRequest, rules: UploadRules, take: (part: MultipartFile) => Promise<void>): Promise<Record<string, string>> {
  if (!req.isMultipart()) throw new AppError('invalid_request', { detail: rules.notMultipart });
  const fields: Record<string, string> = {};
  try {
    for await (const part of req.parts()) {
      refuseNul(part.fieldname, `part ${part.fieldname.slice(0, 40)}`);
      if (part.type === 'file') {
        refuseNul(part.filename ?? '', `file name of part ${part.fieldname}`);
        if (!rules.fileParts.includes(part.fieldname)) {
          part.file.resume(); // drained, so that the request ends and the refusal is sent at once
          throw new AppError('invalid_request', { detail: rules.wrongPart(part.fieldname.slice(0, 40)) });
        }
        await take(part);
        if (part.file.truncated) throw rules.tooLarge({ field: part.fieldname, filename: part.filename ?? '' });
      } else {
        const value = String(part.value);
        refuseNul(value, `field ${part.fieldname}`);
        fields[part.fieldname] = value;
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
      throw new AppError('invalid_request', { detail: rules.tooMany });
    }
    throw err;
  }
  return fields;
}

/**
 * An upload read into memory (small files: the plugin's `fileSize` bounds each). `accept` turns each file
 * into what the route keeps, or refuses it by throwing; an empty file part (a browser form's file input
 * left empty) is no file and is skipped.
 */
export async function readUpload<F>(
  req: FastifyRequest,
  rules: UploadRules,
  accept: (file: UploadedFile & { content: Buffer }) => F,
): Promise<{ fields: Record<string, string>; files: F[] }> {
  const files: F[] = [];
  const fields = await readParts(req, rules, async (part) => {
    const chunks: Buffer[] = [];
    for await (const chunk of part.file) chunks.push(chunk as Buffer);
    if (part.file.truncated) return; // refused by readParts
    const content = Buffer.concat(chunks);
    if (content.length > 0) files.push(accept({ field: part.fieldname, filename: part.filename ?? '', content }));
  });
  return { fields, files };
}

/**
 * An upload of one file streamed to `target` (large files: nothing held in memory), with its text parts.
 * The plugin's `files: 1` limit refuses a second file. The file is null when none was sent.
 */
export async function saveUpload(
  req: FastifyRequest,
  rules: UploadRules,
  target: string,
): Promise<{ fields: Record<string, string>; file: (UploadedFile & { path: string }) | null }> {
  let file: (UploadedFile & { path: string }) | null = null;
  const fields = await readParts(req, rules, async (part) => {
    await pipeline(part.file, createWriteStream(target));
    file = { field: part.fieldname, filename: part.filename ?? '', path: target };
  });
  return { fields, file };
}

/** A file name as sent, without any folder, at most `max` characters, or `fallback` when there is none. */
export const baseName = (filename: string, fallback: string, max = 200) => path.basename(filename || fallback).slice(0, max);

/** The text fields checked against the route's schema: 400 invalid_request naming the first wrong field. */
export function checkFields<T extends TObject>(schema: T, fields: Record<string, string>): Static<T> {
  if (Value.Check(schema, fields)) return fields as Static<T>;
  const errors = [...Value.Errors(schema, fields)];
  const first = errors[0];
  const where = first?.instancePath.replace(/^\//, '') || (first && 'params' in first ? JSON.stringify(first.params) : 'fields');
  throw new AppError('invalid_request', { detail: `field ${where}: ${first?.message ?? 'invalid'}` }, errors.slice(0, 10));
}

/**
 * The multipart body of a route for the OpenAPI document only, as the route's `config.swaggerTransform`.
 * It is not the route's `schema.body`: Fastify would validate the (unparsed, absent) body against it, and
 * a body schema without `type: 'object'` makes Ajv warn in strict mode at every start.
 */
export function multipartBody(properties: Record<string, unknown>): SwaggerTransform {
  return ({ schema, url }) => ({ schema: { ...schema, body: { type: 'object', properties } }, url });
}
