import * as crypto from 'node:crypto';

/** node ≥ 20.12 hashes a buffer in one call; older ones go through createHash. */
const oneShot = (crypto as { hash?: (algorithm: string, data: Buffer, encoding: 'buffer') => Buffer }).hash;

/**
 * RFC 4122 name-based (v5, SHA-1) UUIDs in a fixed namespace: the same name always yields the same id, so a retried
 * command or evaluation is recognised by the ids it would write. The same ids as the uuid package's v5, written
 * against node:crypto because they are made once per imported command and per alert (the package's string
 * handling tripled the cost); tests check the two agree.
 */
export function nameBasedIds(namespace: string): (name: string) => string {
  const namespaceBytes = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  return (name) => {
    const hash = oneShot
      ? oneShot('sha1', Buffer.concat([namespaceBytes, Buffer.from(name, 'utf8')]), 'buffer')
      : crypto.createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest();
    hash[6] = (hash[6] & 0x0f) | 0x50;
    hash[8] = (hash[8] & 0x3f) | 0x80;
    const hex = hash.toString('hex', 0, 16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  };
}
