/** The clock is injected so that a run on the same input gives the same output. */
export type Clock = () => Date;

// eslint-disable-next-line no-restricted-syntax -- the one real clock, injected everywhere else
export const systemClock: Clock = () => new Date();

/**
 * Turns a private identifier (a phone number, a private account's name) into a stable pseudonym.
 * The raw value stays only in the vault's evidentiary copy.
 */
export interface Pseudonymizer {
  pseudonym(kind: string, value: string): string;
}
