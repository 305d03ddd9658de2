// What the status page and the instructors' file view show, from the database rows.
import type { FastifyRequest } from 'fastify';
import type pg from 'pg';
import { urlsFor } from '../notes/routes.js';
import { open } from './codes.js';
import type { RequestStatusView, StaffFileView } from './schemas.js';
import { attachmentsOf, eventsOf, notificationsOf, type RequestRow } from './store.js';

const iso = (d: Date) => d.toISOString();

async function common(db: pg.Pool, r: RequestRow, staff: boolean): Promise<Omit<RequestStatusView, 'note'>> {
  const [events, attachments, notifications] = await Promise.all([eventsOf(db, r.id), attachmentsOf(db, r.id), notificationsOf(db, r.id)]);
  return {
    fileNumber: r.fileNumber,
    status: r.status,
    submittedAt: iso(r.createdAt),
    parcels: r.parcelRefs,
    commune: r.communeName,
    timeline: events.map((e) => ({
      kind: e.kind,
      status: e.status,
      at: iso(e.at),
      message: e.message,
      ...(staff ? { actor: e.actorId == null ? null : { id: e.actorId, name: e.actorName ?? '' } } : {}),
    })),
    attachments: attachments.map((a) => ({ ...a, uploadedAt: iso(a.uploadedAt) })),
    notifications: notifications.map((n) => ({ at: iso(n.at), subject: n.subject, body: n.body, state: n.state })),
  };
}

/** The applicant's view: the note's links are opened with their tracking code. */
export async function statusView(db: pg.Pool, req: FastifyRequest, r: RequestRow, code: string): Promise<RequestStatusView> {
  let note: RequestStatusView['note'] = null;
  if (r.noteReference) {
    const noteCode = r.noteCodeSealed ? open(r.noteCodeSealed, r.boxPrivateKey, code) : null;
    note = { reference: r.noteReference, ...(noteCode ? { urls: urlsFor(req, r.noteReference, noteCode) } : {}) };
  }
  return { ...(await common(db, r, false)), note };
}

export async function staffView(db: pg.Pool, r: RequestRow): Promise<StaffFileView> {
  return {
    ...(await common(db, r, true)),
    note: r.noteReference ? { reference: r.noteReference } : null,
    applicant: { name: r.applicantName, cin: r.cin, phone: r.phone, email: r.email, capacity: r.capacity, purpose: r.purpose },
    assignedTo: r.assignedTo == null ? null : { id: r.assignedTo, name: r.assignedName ?? '' },
    selection: r.selection,
    geometry: r.land as StaffFileView['geometry'],
  };
}
