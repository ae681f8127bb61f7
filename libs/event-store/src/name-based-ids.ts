import * as crypto from 'node:crypto';

/** node ≥ 20.12 hashes a buffer in one call; older ones go through createHash. */
const oneShot = (crypto as { hash?: (algorithm: string, data: Buffer, encoding: 'buffer') => Buffer }).hash;

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** The 16 first bytes of a SHA-1 as a version-5 UUID (RFC 4122 version and variant bits set). */
function uuidOf(hash: Buffer): string {
  return (
    `${HEX[hash[0]]}${HEX[hash[1]]}${HEX[hash[2]]}${HEX[hash[3]]}-${HEX[hash[4]]}${HEX[hash[5]]}-` +
    `${HEX[(hash[6] & 0x0f) | 0x50]}${HEX[hash[7]]}-${HEX[(hash[8] & 0x3f) | 0x80]}${HEX[hash[9]]}-` +
    `${HEX[hash[10]]}${HEX[hash[11]]}${HEX[hash[12]]}${HEX[hash[13]]}${HEX[hash[14]]}${HEX[hash[15]]}`
  );
}

/**
 * RFC 4122 name-based (v5, SHA-1) UUIDs in a fixed namespace: the same name always yields the same id, so a retried
 * command or evaluation is recognised by the ids it would write. The same ids as the uuid package's v5, written
 * against node:crypto because they are made once per imported command and per alert (the package's string
 * handling tripled the cost); tests check the two agree. The namespace and name are hashed from one reused buffer.
 */
export function nameBasedIds(namespace: string): (name: string) => string {
  const namespaceBytes = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  let scratch = Buffer.alloc(256);
  namespaceBytes.copy(scratch);
  return (name) => {
    if (!oneShot) return uuidOf(crypto.createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest());
    if (16 + 3 * name.length > scratch.length) {
      scratch = Buffer.alloc(16 + 3 * name.length);
      namespaceBytes.copy(scratch);
    }
    const length = scratch.write(name, 16, 'utf8');
    return uuidOf(oneShot('sha1', scratch.subarray(0, 16 + length), 'buffer'));
  };
}
