/**
 * Publishing checks each candidate schema on a worker thread, one at a time (validation/candidate.ts). The
 * checks that may wait behind the running one are bounded (CONFORM_MAX_WAITING_SCHEMA_CHECKS): a flood of
 * publishes is answered 503 with Retry-After past that, and nothing of a refused one is stored, instead of
 * each waiting caller and its schema being held without bound. Uses the build (the worker is compiled
 * code; npm test builds first).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveApp, type LiveApp } from './support.js';

const dist = '../../dist/src';
const { SerialQueue } = (await import(`${dist}/validation/parallel/serial-queue.js`)) as typeof import('../../src/validation/parallel/serial-queue.js');

let live: LiveApp;
let author: string;
beforeAll(async () => {
  live = await startLiveApp({ CONFORM_MAX_WAITING_SCHEMA_CHECKS: '0' });
  author = (await live.app.services.access.issue({ name: 'flood author', role: 'author', organisation: null }, 'test')).token;
});
afterAll(() => live.stop());

/** A schema whose check takes a while: many patterns to analyse. */
function slowToCheck(note: string): object {
  const properties: Record<string, object> = {};
  for (let i = 0; i < 20; i++)
    properties[`field${i}`] = { type: 'string', description: note, pattern: `^[A-Z]{${1 + (i % 7)}}[0-9]{2,${3 + (i % 5)}}(?:-[a-z]+)?$` };
  return { title: 'Slow to check', type: 'object', properties };
}

const publish = (id: string, schema: object) =>
  fetch(`http://127.0.0.1:${live.port}/v1/standards/${id}/versions/1.0.0`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${author}` },
    body: JSON.stringify(schema),
  });

describe('the schema check queue', () => {
  it('answers publishes past the waiting bound 503 with Retry-After, and stores nothing of them', async () => {
    const ids = ['flood-a', 'flood-b', 'flood-c', 'flood-d', 'flood-e'];
    const answers = await Promise.all(ids.map(async (id) => ({ id, response: await publish(id, slowToCheck(id)) })));
    const published = answers.filter((a) => a.response.status === 201);
    const refused = answers.filter((a) => a.response.status === 503);
    expect(published.length + refused.length).toBe(ids.length);
    expect(published.length).toBeGreaterThanOrEqual(1);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const { response } of refused) {
      expect(response.headers.get('retry-after')).toBe('5');
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(await response.json()).toMatchObject({
        status: 503,
        detail: 'the registry is already checking 1 schemas, one at a time, as many as it queues; nothing was done: try again shortly',
      });
    }
    for (const { id } of refused) {
      expect((await fetch(`http://127.0.0.1:${live.port}/v1/standards/${id}/versions/1.0.0`)).status).toBe(404);
      // Sent again once the queue is free, it is checked and published.
      const again = await publish(id, slowToCheck(id));
      expect(again.status, await again.text()).toBe(201);
    }
  });
});

describe('SerialQueue', () => {
  it('runs jobs one at a time in order and refuses at once past the waiting bound, without running the job', async () => {
    const queue = new SerialQueue();
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = queue.run(async () => {
      order.push('first start');
      await held;
      order.push('first end');
      return 1;
    }, 1);
    const second = queue.run(async () => {
      order.push('second');
      return 2;
    }, 1);
    let ranThird = false;
    const third = queue.run(async () => {
      ranThird = true;
      return 3;
    }, 1);
    expect(third).toBeUndefined();
    expect(queue.inUse).toBe(2);
    release();
    expect(await first).toBe(1);
    expect(await second).toBe(2);
    expect(order).toEqual(['first start', 'first end', 'second']);
    expect(ranThird).toBe(false);
    expect(queue.inUse).toBe(0);
    // A failed job frees its place and does not stop the next.
    await expect(queue.run(() => Promise.reject(new Error('boom')), 0)).rejects.toThrow('boom');
    expect(await queue.run(async () => 'after', 0)).toBe('after');
  });
});
