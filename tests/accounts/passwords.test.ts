// Password hashing, the password rules and the sign-in throttle, without the database.
import { describe, expect, it } from 'vitest';
import {
  CURRENT,
  DUMMY_HASH,
  generatePassword,
  hashPassword,
  needsRehash,
  passwordWeakness,
  verifyPassword,
} from '../../server/accounts/passwords.js';
import { LoginThrottle } from '../../server/accounts/throttle.js';

describe('hashPassword / verifyPassword', () => {
  it('stores a self-describing PHC string with a per-hash salt', async () => {
    const [a, b] = await Promise.all([hashPassword('correct horse battery staple'), hashPassword('correct horse battery staple')]);
    expect(a).toMatch(/^\$scrypt\$v=1\$ln=15,r=8,p=3\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(a, 'correct horse battery stapl')).toBe(false);
    expect(await verifyPassword(b, 'Correct horse battery staple')).toBe(false);
    expect(needsRehash(a)).toBe(false);
  });

  it('answers every caller when more hash at once than it runs in parallel', async () => {
    const hashes = await Promise.all(['one', 'two', 'three', 'four', 'five'].map((w) => hashPassword(`${w} long password`)));
    const checks = await Promise.all(hashes.map((h, i) => verifyPassword(h, `${['one', 'two', 'three', 'four', 'five'][i]} long password`)));
    expect(checks).toEqual([true, true, true, true, true]);
  });

  it('treats the same password typed as other code points alike (NFKC)', async () => {
    // U+FB01 LATIN SMALL LIGATURE FI and full-width digits, as some keyboards and IMEs send them.
    const h = await hashPassword('ﬁrst-passphrase-２０２６');
    expect(await verifyPassword(h, 'first-passphrase-2026')).toBe(true);
  });

  it('never matches the dummy hash, nor a malformed one, and flags them for rehash', async () => {
    expect(DUMMY_HASH).toContain(`ln=${CURRENT.ln},r=${CURRENT.r},p=${CURRENT.p}`);
    expect(await verifyPassword(DUMMY_HASH, '')).toBe(false);
    expect(await verifyPassword('$scrypt$v=1$ln=40,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA', 'x')).toBe(false);
    expect(await verifyPassword('plain text', 'plain text')).toBe(false);
    expect(needsRehash('$scrypt$v=1$ln=14,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA')).toBe(true);
  });
});

describe('passwordWeakness', () => {
  it.each([
    ['eleven char', 'too_short'],
    ['١٢٣٤٥٦٧٨٩٠١', 'too_short'], // 11 Arabic-Indic digits: counted as characters, not bytes
    ['x'.repeat(1025), 'too_long'],
    ['aaaaaaaaaaaaaaaa', 'too_repetitive'],
    ['121212121212', 'too_repetitive'],
    ['salma.planner-2026', 'contains_identity'],
    ['Salma Benali rocks', 'contains_identity'],
    ['twelve chars', null],
    ['كلمة مرور طويلة بما يكفي', null],
  ])('%s → %s', (password, expected) => {
    expect(passwordWeakness(password, { email: 'salma.planner@agency.ma', name: 'Salma Benali' })).toBe(expected);
  });

  it('generates one-time passwords that pass the rules', () => {
    const all = Array.from({ length: 200 }, generatePassword);
    for (const p of all) expect(passwordWeakness(p)).toBeNull();
    expect(new Set(all).size).toBe(200);
  });
});

describe('LoginThrottle', () => {
  it('blocks a key after 5 failures until its minute is over; giving back and clearing count', () => {
    let now = 1_000_000;
    const t = new LoginThrottle(5, 60_000, () => now);
    for (let i = 0; i < 5; i++) expect(t.take(['ip:a', 'account:x']).ok).toBe(true);
    expect(t.take(['ip:a', 'account:y'])).toEqual({ ok: false, retryAfterS: 60 });
    expect(t.take(['ip:b', 'account:x'])).toEqual({ ok: false, retryAfterS: 60 });
    expect(t.take(['ip:b', 'account:y']).ok).toBe(true); // refused attempts reserved nothing
    now += 45_000;
    expect(t.take(['ip:a'])).toEqual({ ok: false, retryAfterS: 15 });
    now += 15_000;
    expect(t.take(['ip:a', 'account:x']).ok).toBe(true);

    const s = new LoginThrottle(2, 60_000, () => now);
    for (let i = 0; i < 10; i++) {
      expect(s.take(['ip:c', 'account:z']).ok).toBe(true);
      s.giveBack('ip:c');
      s.clear('account:z');
    }
  });
});
