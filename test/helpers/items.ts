import { rawItemId, type CaseFile, type RawItem } from '../../src/model/index.js';

/** A small valid case, for tests that need one in the store. */
export function testCase(id = 'test-case'): CaseFile {
  return {
    schema: 'corroborate.case/1',
    id,
    title: 'Test case',
    synthetic: true,
    claim: {
      text: 'Un ataque con dron destruyó el campamento',
      claimant: { name: 'Comando de prueba', kind: 'military' },
      eventType: 'air-drone-strike',
      place: { name: 'Guasdualito', lat: 7.24, lon: -70.73, radiusKm: 5 },
      time: '2026-09-18T02:10:00',
      timezone: 'America/Caracas',
      actors: [],
    },
    sources: [],
  };
}

/** A raw item with sensible defaults; `n` varies the identity. */
export function testItem(n: number, overrides: Partial<RawItem> = {}): RawItem {
  const text = overrides.text ?? `Mensaje número ${n}: se escuchó una explosión`;
  return {
    id: rawItemId(['test', n, text]),
    format: 'telegram',
    externalId: `telegram:1/${n}`,
    kind: 'message',
    channel: { id: 'telegram:1', name: 'Canal de prueba', type: 'public_channel' },
    author: { id: 'telegram:channel1', name: 'Canal de prueba', pseudonymous: false },
    time: `2026-09-18T06:${String(n % 60).padStart(2, '0')}:00Z`,
    editedTime: null,
    title: null,
    text,
    url: null,
    declaredLanguage: null,
    forwardedFrom: null,
    replyTo: null,
    media: [],
    geo: null,
    extra: {},
    origin: { file: 'result.json', sha256: null, location: `#/messages/${n}`, offset: n * 100, length: 100 },
    ...overrides,
  };
}
