/**
 * A 30-bit key of an id (FNV-1a of its length and last 8 characters: 32 random bits of a UUID): equal ids, equal
 * keys; two ids sharing a key only cost a lookup. A transaction begun on an empty store keeps the keys of the ids it
 * inserted, so that id lookups query only the few ids whose key is there (a big import then skips almost all).
 */
export function idKey(id: string): number {
  let hash = 0x811c9dc5 ^ id.length;
  for (let i = Math.max(0, id.length - 8); i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return hash & 0x3fffffff;
}
