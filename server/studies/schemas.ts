// Outcomes of project studies: the boundary of the register import and of the lookups.
import { Type, type Static } from 'typebox';
import { IsoDate, Lang, Nullable } from '../shared/schemas.js';

/** Files arriving through rokhas.ma (the first four) and from the regional investment centre (the last). */
export const STUDY_KINDS = ['building_permit', 'subdivision', 'housing_group', 'property_division', 'investment_project'] as const;
export type StudyKind = (typeof STUDY_KINDS)[number];
export const STUDY_OPINIONS = ['favourable', 'favourable_with_conditions', 'unfavourable'] as const;
export type StudyOpinion = (typeof STUDY_OPINIONS)[number];

export const Study = Type.Object({
  number: Type.String({ description: 'the file number' }),
  kind: Type.Enum(STUDY_KINDS),
  studiedOn: IsoDate,
  opinion: Type.Enum(STUDY_OPINIONS),
  conditions: Nullable(Type.String()),
  illustrative: Type.Boolean({ description: 'true for the generated sample: not a real file' }),
  parcels: Type.Array(
    Type.Object({
      reference: Type.String({ description: 'as the register writes it' }),
      parcelId: Nullable(Type.Integer({ description: 'the current parcel of that reference; null when none matches' })),
    }),
  ),
});
export type Study = Static<typeof Study>;

export const StudyNumberParams = Type.Object({ number: Type.String({ minLength: 1, maxLength: 60, description: 'the file number' }) });

export const ParcelStudies = Type.Object({ parcelId: Type.Integer(), studies: Type.Array(Study) });
export type ParcelStudies = Static<typeof ParcelStudies>;

export const ImportQuery = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 200, description: 'the register file name, kept with the import' })),
  lang: Type.Optional(Lang),
});

export const Unmatched = Type.Object({
  row: Type.Integer({ description: 'row of the register (1 = first row after the header)' }),
  number: Type.String(),
  reference: Type.String(),
});
export type Unmatched = Static<typeof Unmatched>;

export const ImportOutcome = Type.Object({
  importId: Type.Integer(),
  files: Type.Integer({ description: 'files imported (created or updated)' }),
  created: Type.Integer(),
  updated: Type.Integer(),
  linkedParcels: Type.Integer(),
  unmatched: Type.Array(Unmatched, { description: 'parcel references that match no current parcel: kept with their file, not drawn' }),
  dataVersion: Type.Integer(),
});
export type ImportOutcome = Static<typeof ImportOutcome>;
