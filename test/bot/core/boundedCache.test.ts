import assert from 'node:assert/strict';
import { BoundedCache } from '../../../bot/core/boundedCache.js';

describe('bounded cache', function () {
  it('works an answer out once per key, and gives the same answer as the work does', function () {
    const cache = new BoundedCache<string | null>(8);
    const answer = (key: string) => (key.startsWith('x') ? null : key.toUpperCase());
    const worked: string[] = [];
    const work = (key: string) => {
      worked.push(key);
      return answer(key);
    };
    for (const key of ['a', 'b', 'x1', 'a', 'x1', 'b']) assert.equal(cache.get(key, work), answer(key), key);
    assert.deepEqual(worked, ['a', 'b', 'x1'], 'a kept answer, null included, is not worked out again');
  });

  it('keeps at most its size, dropping the oldest first', function () {
    const cache = new BoundedCache<number>(3);
    let worked = 0;
    const work = (key: string) => {
      worked++;
      return key.length;
    };
    for (const key of ['a', 'bb', 'ccc', 'dddd']) cache.get(key, work);
    assert.equal(cache.count, 3);
    assert.equal(worked, 4);
    cache.get('bb', work);
    assert.equal(worked, 4, 'a recent answer is still kept');
    cache.get('a', work);
    assert.equal(worked, 5, 'the oldest was dropped and is worked out again');
    for (let i = 0; i < 1000; i++) cache.get(`k${i}`, work);
    assert.equal(cache.count, 3);
  });
});
