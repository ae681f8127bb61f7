import { v5 as uuidv5 } from 'uuid';
import { describe, expect, it } from 'vitest';
import { nameBasedIds } from './name-based-ids';

describe('name-based ids', () => {
  it('are the uuid package v5 ids of every name, short and long, ASCII and Chinese, in any order', () => {
    const namespace = '5d1f7c2a-9e43-4b8e-a6f0-3c2b1d9e7a41';
    const ids = nameBasedIds(namespace);
    const names = ['', 'a', 'card/national/dep-0/2025/prj-7/2025-06-30', '项目「医保一体化大数据平台」', '长'.repeat(400), 'x', 'é'.repeat(90), 'b'];
    for (let round = 0; round < 2; round++) for (const name of names) expect(ids(name)).toBe(uuidv5(name, namespace));
  });
});
