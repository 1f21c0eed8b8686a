import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IncidentClusterer } from '../../../src/correlate/index.js';
import type { ClusterReport } from '../../../src/model/index.js';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-09-18T06:00:00Z');

function report(id: string, hours: number, terms: string[], extra: Partial<ClusterReport> = {}): ClusterReport {
  const from = T0 + hours * HOUR;
  return { id, from, to: from, place: null, eventType: null, terms, family: null, role: 'eyewitness', language: 'es', ...extra };
}

/** Two incidents hours apart in one town, one a day later elsewhere, and chatter. */
function stream(): ClusterReport[] {
  const strike = ['explosion', 'aeropuerto', 'place:3804949', 'humo'];
  const fire = ['incendio', 'mercado', 'bomberos', 'place:3625929'];
  return [
    report('s1', 0, [...strike, 'anoche']),
    report('s2', 0.5, [...strike.slice(0, 3), 'vecinos']),
    report('s3', 1, ['explosion', 'aeropuerto', 'place:3804949', 'drones']),
    report('s4', 2, ['explosion', 'humo', 'aeropuerto', 'place:3804949', 'muertos', 'count:killed:2']),
    report('f1', 26, fire),
    report('f2', 27, [...fire.slice(0, 3), 'heridos']),
    report('f3', 28, ['incendio', 'mercado', 'bomberos']),
    report('x1', 3, ['beisbol', 'tigres', 'ganaron']),
    report('x2', 5, ['dolar', 'precio', 'comercios']),
  ];
}

function assignment(clusterer: IncidentClusterer, reports: readonly ClusterReport[]): Record<string, string | null> {
  return Object.fromEntries(reports.map((r) => [r.id, clusterer.incidentIdOf(r.id)]));
}

describe('IncidentClusterer', () => {
  it('puts reports that share place, time and words in one incident, named after its first report, and leaves chatter alone', () => {
    const clusterer = new IncidentClusterer();
    const reports = stream();
    clusterer.add(reports);
    expect(assignment(clusterer, reports)).toEqual({ s1: 's1', s2: 's1', s3: 's1', s4: 's1', f1: 'f1', f2: 'f1', f3: 'f1', x1: 'x1', x2: 'x2' });
    const [strike] = clusterer.summaries();
    expect(strike).toMatchObject({ id: 's1', reports: 4, families: 4, window: { from: '2026-09-18T06:00:00.000Z', to: '2026-09-18T08:00:00.000Z' }, byLanguage: { es: 4 } });
    expect(strike?.topTerms.slice(0, 3)).toEqual(['aeropuerto', 'explosion', 'place:3804949']);
  });

  it('gives the same incidents whatever order and batches the reports come in (late arrivals roll back only the tail)', () => {
    const reports = stream();
    const whole = new IncidentClusterer();
    whole.add(reports);
    const expected = assignment(whole, reports);
    const expectedSummaries = whole.summaries();
    fc.assert(
      fc.property(fc.shuffledSubarray(reports, { minLength: reports.length, maxLength: reports.length }), fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 9 }), (order, sizes) => {
        const clusterer = new IncidentClusterer();
        let at = 0;
        for (let i = 0; at < order.length; i++) {
          const size = sizes[i % sizes.length] ?? 1;
          clusterer.add(order.slice(at, at + size));
          at += size;
        }
        expect(assignment(clusterer, reports)).toEqual(expected);
        expect(clusterer.summaries()).toEqual(expectedSummaries);
      }),
      { numRuns: 200 },
    );
  });

  it('a batch later than everything taken is added on without retaking anything; an early one retakes the tail', () => {
    const reports = stream().sort((a, b) => a.from - b.from);
    const clusterer = new IncidentClusterer();
    expect(clusterer.add(reports.slice(0, 5))).toEqual({ taken: 5, retaken: 0 });
    expect(clusterer.add(reports.slice(5))).toEqual({ taken: 4, retaken: 0 });
    const late = report('s0', -0.5, ['explosion', 'aeropuerto', 'place:3804949']);
    expect(clusterer.add([late])).toEqual({ taken: 1, retaken: 9 });
    // The late report is now the strike's first: the incident takes its name.
    expect(clusterer.incidentIdOf('s4')).toBe('s0');
    expect(clusterer.add([late])).toEqual({ taken: 0, retaken: 0 });
  });

  it('keeps reports with the same words apart when their places are far apart', () => {
    const words = ['explosion', 'aeropuerto', 'humo', 'drones'];
    const clusterer = new IncidentClusterer();
    const reports = [
      report('a', 0, words, { place: { lat: 7.24, lon: -70.73, radiusKm: 5 } }),
      report('b', 1, words, { place: { lat: 7.25, lon: -70.72, radiusKm: 5 } }),
      report('c', 1.5, words, { place: { lat: 10.48, lon: -66.9, radiusKm: 5 } }),
      report('d', 2, words),
    ];
    clusterer.add(reports);
    expect(assignment(clusterer, reports)).toEqual({ a: 'a', b: 'a', c: 'c', d: 'a' });
    const [guasdualito] = clusterer.summaries();
    expect(guasdualito?.placedReports).toBe(2);
    expect(guasdualito?.centroid?.lat).toBeCloseTo(7.245, 3);
    expect(guasdualito?.uncertaintyKm).toBeGreaterThan(5);
    expect(guasdualito?.uncertaintyKm).toBeLessThan(7);
  });

  it('keeps reports apart when more than the largest gap separates them', () => {
    const words = ['explosion', 'aeropuerto', 'humo', 'drones'];
    const clusterer = new IncidentClusterer({ maxGapHours: 24 });
    const reports = [report('a', 0, words), report('b', 20, words), report('c', 40, words), report('d', 100, words)];
    clusterer.add(reports);
    expect(assignment(clusterer, reports)).toEqual({ a: 'a', b: 'a', c: 'a', d: 'd' });
  });

  it('moves a family together: a copy joins its original even when it shares no words', () => {
    const clusterer = new IncidentClusterer();
    const reports = [
      report('root', 0, ['explosion', 'aeropuerto', 'humo'], { family: 'root' }),
      report('other', 0.2, ['explosion', 'aeropuerto', 'humo', 'otro']),
      report('copy', 1, ['reenviado'], { family: 'root' }),
    ];
    clusterer.add(reports);
    expect(assignment(clusterer, reports)).toEqual({ root: 'root', other: 'root', copy: 'root' });
    expect(clusterer.summaries()[0]).toMatchObject({ reports: 3, families: 2 });
  });

  it('lets a differing event type count against joining, not forbid it', () => {
    const words = ['aeropuerto', 'guasdualito', 'anoche', 'vecinos'];
    const clusterer = new IncidentClusterer();
    const reports = [report('a', 0, words, { eventType: 'air-drone-strike' }), report('b', 1, words, { eventType: 'explosion-unspecified' })];
    clusterer.add(reports);
    expect(clusterer.incidentIdOf('b')).toBe('a');
    expect(clusterer.summaries()[0]?.eventTypes).toEqual([
      { type: 'air-drone-strike', reports: 1 },
      { type: 'explosion-unspecified', reports: 1 },
    ]);
  });
});
