import { expect, it } from 'vitest';
import { Ring } from './ring';

it('keeps the newest items up to its capacity, oldest first', () => {
  const ring = new Ring<number>(3);
  expect(ring.toArray()).toEqual([]);
  expect(ring.last()).toBeUndefined();
  for (let i = 1; i <= 7; i++) ring.push(i);
  expect(ring.toArray()).toEqual([5, 6, 7]);
  expect(ring.size).toBe(3);
  expect(ring.last()).toBe(7);
  expect(ring.dropped).toBe(4);
  ring.clear();
  expect([ring.size, ring.dropped, ring.toArray()]).toEqual([0, 0, []]);
  ring.push(9);
  expect(ring.toArray()).toEqual([9]);
});

it('refuses a capacity below one', () => {
  expect(() => new Ring(0)).toThrow(RangeError);
  expect(() => new Ring(1.5)).toThrow(RangeError);
});
