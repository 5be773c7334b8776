// The answers views share: loaded once, cancelled only when every view waiting has given up.
import { describe, expect, it } from 'vitest';
import { RequestCache } from '../../client/src/lib/cache.ts';

/** A load that resolves when told to, and records whether it was aborted. */
function deferred() {
  let resolve!: (value: string) => void;
  const state = { calls: 0, aborted: false };
  const load = (signal: AbortSignal) => {
    state.calls++;
    signal.addEventListener('abort', () => (state.aborted = true));
    return new Promise<string>((r) => (resolve = r));
  };
  return { load, state, resolve: (value: string) => resolve(value) };
}

describe('RequestCache', () => {
  it('loads a key once for every view that asks, and keeps the answer until cleared', async () => {
    const cache = new RequestCache();
    const d = deferred();
    const a = cache.get('k', d.load, new AbortController().signal);
    const b = cache.get('k', d.load, new AbortController().signal);
    d.resolve('réponse');
    await expect(Promise.all([a, b])).resolves.toEqual(['réponse', 'réponse']);
    await expect(cache.get('k', d.load)).resolves.toBe('réponse');
    expect(d.state.calls).toBe(1);
    cache.clear();
    void cache.get('k', d.load);
    expect(d.state.calls).toBe(2);
  });

  it('one view leaving does not cancel the request another view waits for', async () => {
    const cache = new RequestCache();
    const d = deferred();
    const leaving = new AbortController();
    const a = cache.get('k', d.load, leaving.signal);
    const b = cache.get('k', d.load, new AbortController().signal);
    leaving.abort();
    await expect(a).rejects.toMatchObject({ name: 'AbortError' });
    expect(d.state.aborted).toBe(false);
    d.resolve('réponse');
    await expect(b).resolves.toBe('réponse');
  });

  it('the request is cancelled when the last view waiting gives up, and loaded again for the next', async () => {
    const cache = new RequestCache();
    const d = deferred();
    const first = new AbortController();
    const second = new AbortController();
    const a = cache.get('k', d.load, first.signal);
    const b = cache.get('k', d.load, second.signal);
    first.abort();
    second.abort();
    await expect(Promise.allSettled([a, b])).resolves.toEqual([expect.objectContaining({ status: 'rejected' }), expect.objectContaining({ status: 'rejected' })]);
    expect(d.state.aborted).toBe(true);
    void cache.get('k', d.load, new AbortController().signal);
    expect(d.state.calls).toBe(2);
  });

  it('a failure is not kept', async () => {
    const cache = new RequestCache();
    let calls = 0;
    const failing = () => (++calls === 1 ? Promise.reject(new Error('hors ligne')) : Promise.resolve('revenu'));
    await expect(cache.get('k', failing)).rejects.toThrow('hors ligne');
    await expect(cache.get('k', failing)).resolves.toBe('revenu');
  });

  it('an already aborted signal is refused at once, without loading', async () => {
    const cache = new RequestCache();
    const d = deferred();
    const gone = new AbortController();
    gone.abort();
    await expect(cache.get('k', d.load, gone.signal)).rejects.toMatchObject({ name: 'AbortError' });
    expect(d.state.calls).toBe(0);
  });
});
