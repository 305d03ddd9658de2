// Reading registers (server/studies/register.ts), without a database: CSV dialects, French wording,
// dates, and every problem of every row reported at once.
import { describe, expect, it } from 'vitest';
import { dateOf, parseCsv, readRegister, RegisterUnreadable } from '../../server/studies/register.js';

describe('parseCsv', () => {
  it('reads quoted cells with separators, doubled quotes and line breaks, after a BOM', () => {
    const { separator, records } = parseCsv('\ufeffa;b;c\r\n1;"x; ""y""\nz";3\n\n');
    expect(separator).toBe(';');
    expect(records).toEqual([['a', 'b', 'c'], ['1', 'x; "y"\nz', '3']]);
  });
  it('takes the comma when the header has more commas', () => {
    expect(parseCsv('a,b;c,d\n1,2,3').separator).toBe(',');
  });
});

describe('dateOf', () => {
  it('reads ISO and French dates, and refuses impossible ones', () => {
    expect(dateOf('2026-03-12')).toBe('2026-03-12');
    expect(dateOf(' 12/03/2026 ')).toBe('2026-03-12');
    expect(dateOf('31/02/2026')).toBeNull();
    expect(dateOf('2026-3-12')).toBeNull();
    expect(dateOf('1800-01-01')).toBeNull();
  });
});

describe('readRegister', () => {
  it('reads French column names and wording, and several parcels per file', () => {
    const csv = 'Numéro,Nature,Parcelles,Date,Avis,Réserves\nGH-1,Groupe d’habitations,TF 1/11;TF 2/11 | TF 1/11,01/01/2026,Favorable sous conditions,Recul de 4 m\n';
    const { rows, problems } = readRegister(csv, 'csv');
    expect(problems).toEqual([]);
    expect(rows).toEqual([{ row: 1, number: 'GH-1', kind: 'housing_group', parcels: ['TF 1/11', 'TF 2/11'], date: '2026-01-01', opinion: 'favourable_with_conditions', conditions: 'Recul de 4 m' }]);
  });

  it('reports every problem of every row, and repeated numbers', () => {
    const json = JSON.stringify([
      { number: 'A-1', kind: 'building_permit', parcels: ['TF 1/11'], date: '2026-01-01', opinion: 'favourable' },
      { number: 'a-1', kind: 'building_permit', parcels: ['TF 1/11'], date: '2026-01-01', opinion: 'favourable_with_conditions' },
      { kind: 'castle', date: 'soon', opinion: 'yes' },
    ]);
    const { rows, problems } = readRegister(json, 'json');
    expect(rows.map((r) => r.number)).toEqual(['A-1']);
    expect(problems).toEqual([
      { row: 2, number: 'a-1', problems: ['a favourable opinion with conditions needs its conditions', 'file number repeated (first on row 1)'] },
      { row: 3, number: null, problems: expect.arrayContaining(['no file number', 'no parcel reference']) },
    ]);
    expect(problems[1]!.problems).toHaveLength(5);
  });

  it('says what is wrong with a file it cannot read', () => {
    expect(() => readRegister('{"files": 3}', 'json')).toThrow(RegisterUnreadable);
    expect(() => readRegister('number,kind,date,opinion\nA,b,c,d', 'csv')).toThrow(/no "parcels" column/);
    expect(() => readRegister('number,kind,parcels,date,opinion\n', 'csv')).toThrow(/holds no file/);
  });
});
