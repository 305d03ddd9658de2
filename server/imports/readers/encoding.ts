// The text encoding of a Shapefile's attributes (.dbf). GeoJSON and GeoPackage are UTF-8 by definition;
// a DBF is whatever the GIS that wrote it used: UTF-8, Windows-1256 (Arabic, the default of Arabic
// Windows), Windows-1252 / Latin-1 (French). The .cpg beside it says which, when there is one.
//
// GDAL reads the DBF with `-oo ENCODING=ISO-8859-1`, which maps every byte to the code point of the same
// value, so the exact bytes come back (Buffer.from(text, 'latin1')) and we decode them here with the
// WHATWG decoder of the encoding chosen: from the .cpg, else stated by the planner, else detected —
// valid UTF-8 first, then Arabic words under Windows-1256, else Windows-1252. The report says which and why.

export interface EncodingChoice {
  /** A WHATWG encoding label TextDecoder knows: utf-8, windows-1256, windows-1252… */
  name: string;
  source: 'cpg' | 'option' | 'detected' | 'format';
  /** Why, for the report: the .cpg's text, or what the detection saw. */
  detail: string;
}

/** The .cpg text ("UTF-8", "1256", "ANSI 1256", "CP1252", "ISO-8859-1", "88591") as a WHATWG label. */
export function encodingFromCpg(text: string): string | null {
  const t = text.trim().toLowerCase().replace(/^ansi\s*/, '').replace(/^(?:cp|windows-?|ms)/, '');
  let label: string;
  if (/^utf-?8$/.test(t) || t === '65001') label = 'utf-8';
  else if (/^\d{3,4}$/.test(t) && t.startsWith('125')) label = `windows-${t}`;
  else if (t === '88591' || t === '28591' || t === 'latin1' || t === 'latin-1') label = 'iso-8859-1';
  else if (/^(?:iso-?)?8859-?(\d{1,2})$/.test(t)) label = `iso-8859-${/(\d{1,2})$/.exec(t)![1]}`;
  else if (t === '28596' || t === '708') label = 'iso-8859-6';
  else label = t;
  return isSupported(label) ? label : null;
}

export function isSupported(label: string): boolean {
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/** Arabic letters (U+0621–U+064A) as Windows-1256 writes them. */
const ARABIC = /[\u0621-\u064a]/;

/**
 * Detects the encoding of the raw bytes of a layer's text values (each value a Buffer): ASCII or valid
 * UTF-8 → utf-8; else, decoded as Windows-1256, mostly Arabic letters in runs (words) → windows-1256; else
 * windows-1252. French in Windows-1256 keeps its accented letters (é, è, à, ç… have the same bytes as in
 * Latin-1), so a French file never looks Arabic, and Arabic words are runs of high bytes that Latin-1 text
 * (one accented letter among ASCII ones) does not have.
 */
export function detectEncoding(values: Buffer[]): EncodingChoice {
  let high = 0;
  for (const v of values) for (const b of v) if (b >= 0x80) high++;
  if (high === 0) return { name: 'utf-8', source: 'detected', detail: 'no .cpg; the text is plain ASCII' };
  const utf8 = new TextDecoder('utf-8', { fatal: true });
  const validUtf8 = values.every((v) => {
    try {
      utf8.decode(v);
      return true;
    } catch {
      return false;
    }
  });
  if (validUtf8) return { name: 'utf-8', source: 'detected', detail: 'no .cpg; the text is valid UTF-8' };

  const w1256 = new TextDecoder('windows-1256');
  let arabic = 0;
  let inRuns = 0;
  for (const v of values) {
    const text = w1256.decode(v);
    const chars = [...text];
    chars.forEach((c, i) => {
      if (!ARABIC.test(c)) return;
      arabic++;
      if (ARABIC.test(chars[i - 1] ?? '') || ARABIC.test(chars[i + 1] ?? '')) inRuns++;
    });
  }
  if (arabic >= high * 0.6 && inRuns >= arabic * 0.6) {
    return { name: 'windows-1256', source: 'detected', detail: `no .cpg; ${arabic} of ${high} non-ASCII bytes form Arabic words under Windows-1256` };
  }
  return { name: 'windows-1252', source: 'detected', detail: 'no .cpg; not UTF-8 and not Arabic, read as Windows-1252 (Latin-1)' };
}
