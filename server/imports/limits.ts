// What one import may cost (ARCHITECTURE.md §8: everything that can be triggered is bounded). The HTTP
// routes and the CLI pass these; tests pass smaller ones.

export interface ImportLimits {
  /** Size of the uploaded file (the zip, GeoPackage or GeoJSON as sent). */
  uploadBytes: number;
  /** Entries listed in a zip's central directory. */
  archiveEntries: number;
  /** Uncompressed size of the whole archive, as its central directory declares it… */
  archiveBytes: number;
  /** …and of what is actually extracted, counted while extracting (a directory can lie). */
  extractedBytes: number;
  /** Features in the layer. */
  features: number;
  /** Wall-clock time of the whole import: the GDAL child is killed and the transaction's statements time out. */
  timeoutMs: number;
  /** Problems listed per problem code in a report; the rest are counted. */
  problemsPerCode: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  uploadBytes: 50 * 1024 * 1024,
  archiveEntries: 64,
  archiveBytes: 500 * 1024 * 1024,
  extractedBytes: 500 * 1024 * 1024,
  features: 200_000,
  timeoutMs: 180_000,
  problemsPerCode: 200,
};

/** 52428800 → "50 MB". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} kB`;
  return `${n} bytes`;
}

/** A deadline shared by the steps of one import. */
export class Deadline {
  private readonly end: number;
  constructor(readonly totalMs: number) {
    this.end = Date.now() + totalMs;
  }
  remainingMs(): number {
    return Math.max(0, this.end - Date.now());
  }
  get seconds(): number {
    return Math.round(this.totalMs / 1000);
  }
}
