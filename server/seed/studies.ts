// Illustrative outcomes of project studies (server/studies): a dozen files on parcels of the Nador plan,
// every kind and every opinion, numbered "EX-…" and flagged illustrative. Parcels are taken in id order
// among the current parcels inside the plan's perimeter, so the same sample gives the same files.
import type { Db } from './sql.js';

const KINDS = ['building_permit', 'subdivision', 'housing_group', 'property_division', 'investment_project'] as const;
const PREFIX: Record<(typeof KINDS)[number], string> = {
  building_permit: 'PC', subdivision: 'LT', housing_group: 'GH', property_division: 'MC', investment_project: 'CRI',
};
const OPINIONS = ['favourable', 'favourable_with_conditions', 'unfavourable'] as const;
const CONDITIONS = 'Respecter le recul de 5 m sur la voie ; réaliser le raccordement à l’assainissement avant occupation (exemple). / احترام تراجع 5 م عن الطريق وإنجاز الربط بشبكة التطهير قبل الاستغلال (مثال).';

export async function seedStudies(db: Db, log: (m: string) => void): Promise<number> {
  await db.query('DELETE FROM studies WHERE illustrative');
  const parcels = await db.query<{ id: string; reference: string }>(
    `SELECT pa.id, pa.reference FROM parcels pa
     JOIN plans p ON p.code = 'ex-pa-nador' JOIN plan_versions v ON v.plan_id = p.id AND v.state = 'published' AND v.valid_to IS NULL
     WHERE pa.illustrative AND pa.valid_to IS NULL AND ST_Within(pa.geom_4326, v.geom_4326)
     ORDER BY pa.id LIMIT 36`,
  );
  let n = 0;
  for (let i = 0; i < parcels.rows.length; i += 3) {
    const kind = KINDS[n % KINDS.length]!;
    const opinion = OPINIONS[n % OPINIONS.length]!;
    const number = `EX-${PREFIX[kind]}-2026-${String(n + 1).padStart(4, '0')}`;
    const day = String(1 + ((n * 7) % 28)).padStart(2, '0');
    const s = await db.query<{ id: number }>(
      `INSERT INTO studies (file_number, kind, studied_on, opinion, conditions, illustrative) VALUES ($1, $2, $3, $4, $5, true) RETURNING id`,
      [number, kind, `2026-${String(1 + (n % 10)).padStart(2, '0')}-${day}`, opinion, opinion === 'favourable_with_conditions' ? CONDITIONS : null],
    );
    // A subdivision or a housing group spans two parcels.
    const mine = kind === 'subdivision' || kind === 'housing_group' ? parcels.rows.slice(i, i + 2) : [parcels.rows[i]!];
    for (const p of mine) await db.query('INSERT INTO study_parcels (study_id, reference, parcel_id) VALUES ($1, $2, $3)', [s.rows[0]!.id, p.reference, p.id]);
    n++;
  }
  log(`${n} illustrative study files`);
  return n;
}
