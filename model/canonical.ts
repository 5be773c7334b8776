// Canonical JSON: object keys sorted, so that two equal values always print the same (diffs,
// checksums, the fingerprints of a finding's facts). Pure: shared by the model and the server.

/** JSON with object keys sorted (undefined fields left out, as JSON does). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const item = (value as Record<string, unknown>)[key];
      if (item !== undefined) Object.defineProperty(out, key, { value: sortKeys(item), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}
