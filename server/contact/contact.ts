// The contact page's content: the agency's services, addresses and phone lines, kept in a JSON file
// (data/contact.json by default) that the agency edits without touching the code. It is checked against
// this schema when the server starts, so a typo stops the start with the path of the fault rather than
// showing a broken page.
import { readFileSync } from 'node:fs';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { I18nText } from '../shared/schemas.js';

const Phone = Type.String({ pattern: '^\\+?[0-9 ().-]{6,25}$', description: 'a phone number as dialled, e.g. +212 536 00 00 00' });
const Email = Type.String({ maxLength: 254, pattern: '^[^@\\s]+@[^@\\s]+$' });

const Place = Type.Object(
  {
    name: I18nText,
    description: Type.Optional(I18nText),
    address: Type.Optional(I18nText),
    phones: Type.Array(Phone, { maxItems: 10 }),
    fax: Type.Optional(Phone),
    email: Type.Optional(Email),
    hours: Type.Optional(I18nText),
  },
  { additionalProperties: false },
);

export const Contact = Type.Object(
  {
    /** True while the file holds sample values: the page says so. */
    illustrative: Type.Boolean(),
    agency: Place,
    services: Type.Array(Place, { maxItems: 50 }),
    offices: Type.Array(Place, { maxItems: 50 }),
    /** The national portal for formal complaints: a plain link, nothing is fetched from it. */
    complaintsPortal: Type.String({ pattern: '^https://[^\\s]+$' }),
  },
  { additionalProperties: false },
);
export type Contact = Static<typeof Contact>;

export const DEFAULT_CONTACT_FILE = new URL('../../data/contact.json', import.meta.url);

/** The contact file, checked; throws with every fault's path when it does not match the schema. */
export function loadContact(file: URL | string = DEFAULT_CONTACT_FILE): Contact {
  const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Value.Check(Contact, value)) {
    const faults = [...Value.Errors(Contact, value)].slice(0, 10).map((e) => `${e.instancePath || '/'} ${e.message}`);
    throw new Error(`${String(file)} is not a valid contact file: ${faults.join('; ')}`);
  }
  return value;
}

export const contactRoutes: FastifyPluginAsyncTypebox<{ file?: URL | string }> = async (app, opts) => {
  const contact = loadContact(opts.file);
  app.get(
    '/api/contact',
    { schema: { tags: ['reports'], summary: "The agency's services, addresses and phone lines (data/contact.json)", response: { 200: Contact } } },
    async (_req, reply) => {
      void reply.header('cache-control', 'public, max-age=300');
      return contact;
    },
  );
};
