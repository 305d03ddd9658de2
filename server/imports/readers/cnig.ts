// The French CNIG PLU standard (DOMAIN.md, "A reference data model worth borrowing"), as a template of field
// mapping: every plan published on France's national portal names its fields the same way, so a layer in
// that standard maps itself.
//
//   ZONE_URBA            LIBELLE (short label: the zone code, "UA", "1AUa"), LIBELONG (long label),
//                        TYPEZONE (U, AUc, AUs, A, N; older files Ah, Nh, Nd), DESTDOMI, IDURBA, NOMFIC…
//   PRESCRIPTION_SURF,   TYPEPSC (two digits) with STYPEPSC (two more: 05 + 01 = reserved site for a public
//   _LIN, _PCT           road), LIBELLE, TXT
//
// Files are named <INSEE code>_ZONE_URBA_<date>.shp, <INSEE code>_PRESCRIPTION_SURF_<date>.shp…

export const CNIG_ZONE_URBA = { code: 'LIBELLE', labelFr: 'LIBELONG', category: 'TYPEZONE' } as const;
export const CNIG_PRESCRIPTION = { type: 'TYPEPSC', subtype: 'STYPEPSC', label: 'LIBELLE' } as const;

const has = (fields: string[], name: string) => fields.some((f) => f.toUpperCase() === name);

/** A ZONE_URBA layer: it has the short label and the zone type. */
export function isZoneUrba(fields: string[]): boolean {
  return has(fields, CNIG_ZONE_URBA.code) && has(fields, CNIG_ZONE_URBA.category);
}

/** A PRESCRIPTION_* layer: it has the prescription type. */
export function isPrescription(fields: string[]): boolean {
  return has(fields, CNIG_PRESCRIPTION.type);
}

/** Which layer of an archive or a GeoPackage is the zoning, by the standard's file name. */
export const ZONE_URBA_NAME = /zone_urba/i;
