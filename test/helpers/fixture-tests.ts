/**
 * The tests every fixture folder gets, one `describe` per fixture: the expected output, the same
 * output however the bytes are chunked, and the adapter contract. A format's own checks of a
 * fixture go in `more`.
 */
import { describe, expect, it } from 'vitest';
import { expectContract, type Contract } from './contract.js';
import type { FixtureFolder } from './fixtures.js';

export interface FixtureTests<Options> {
  /** How the bytes are cut for the chunking test (sizes cycled). */
  readonly chunkSizes?: readonly (readonly number[])[] | ((name: string) => readonly (readonly number[])[]);
  /** Options for the chunked reads. */
  readonly chunked?: Options;
  /** Why a fixture's output cannot be checked on this machine; null when it can. */
  readonly skip?: (name: string) => string | null;
  readonly contract: {
    readonly title: string;
    /** Options for the read whose records are checked. */
    readonly options?: Options;
    readonly terms: (name: string) => Contract;
  };
  /** The format's own tests of one fixture, inside its `describe`. */
  readonly more?: (name: string) => void;
}

const CHUNK_SIZES = [[1], [7], [3, 1, 4, 1, 5, 9, 2, 6], [1000]];

export function describeFixtures<Options extends object>(fixtures: FixtureFolder<Options>, tests: FixtureTests<Options>): void {
  for (const name of fixtures.names()) {
    const skip = tests.skip?.(name) ?? null;
    describe(name, () => {
      it.skipIf(skip !== null)(skip === null ? 'gives the expected items and diagnostics' : `gives the expected items and diagnostics (${skip})`, async () => {
        expect(fixtures.comparable(await fixtures.output(name))).toEqual(fixtures.comparable(fixtures.expected(name)));
      });

      it.skipIf(skip !== null)('gives the same output however the bytes are chunked', async () => {
        const whole = fixtures.comparable(await fixtures.output(name));
        const cuts = typeof tests.chunkSizes === 'function' ? tests.chunkSizes(name) : (tests.chunkSizes ?? CHUNK_SIZES);
        for (const chunkSizes of cuts) {
          expect(fixtures.comparable(await fixtures.output(name, { ...tests.chunked, chunkSizes } as Options)), `chunks of ${chunkSizes.join(',')}`).toEqual(whole);
        }
      });

      it(tests.contract.title, async () => {
        expectContract(await fixtures.records(name, tests.contract.options), tests.contract.terms(name));
      });

      tests.more?.(name);
    });
  }
}
