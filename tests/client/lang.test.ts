// The interface language: the link's, else the visitor's last choice, else the browser's.
import { describe, expect, it } from 'vitest';
import { chooseLang } from '../../client/lib/lang.js';

describe('language choice', () => {
  it('takes the link first, then the stored choice, then the browser', () => {
    expect(chooseLang('en', 'ar', ['fr-FR'])).toBe('en');
    expect(chooseLang(null, 'ar', ['fr-FR'])).toBe('ar');
    expect(chooseLang(null, null, ['ar-MA', 'fr'])).toBe('ar');
    expect(chooseLang(null, 'xx', ['de-DE', 'en-GB'])).toBe('en');
    expect(chooseLang(null, null, ['de-DE'])).toBe('fr');
  });
});
