/**
 * The adapter contract, as the fixture and fuzz tests check it: every record is a valid RawItem
 * or a diagnostic of the adapter's own format naming the file it came from.
 */
import { expect } from 'vitest';
import { DiagnosticRecord, RawItem, isDiagnostic } from '../../src/model/index.js';
import type { AdapterRecord } from './fixtures.js';

export interface Contract {
  /** The adapter's format: every rule id starts with `<format>/`. */
  readonly format: string;
  /** The file every diagnostic names. */
  readonly file: string;
  /** Every item carries the format (true unless said). */
  readonly itemFormat?: boolean;
  /** Every item's origin names the file too. */
  readonly originFile?: boolean;
  /** The kind every item is. */
  readonly kind?: string;
  /** `<format>/internal-error` is how an adapter reports its own exception: here it is a failure. */
  readonly noInternalError?: boolean;
  /** Every diagnostic says something. */
  readonly messages?: boolean;
  /** At most this many items. */
  readonly maxItems?: number;
  /** The format's own checks of an item. */
  readonly item?: (item: RawItem) => void;
}

export function expectContract(records: readonly AdapterRecord[], contract: Contract): void {
  const rule = new RegExp(`^${contract.format}/[a-z0-9-]+$`);
  for (const record of records) {
    if (isDiagnostic(record)) {
      expect(DiagnosticRecord.safeParse(record).error).toBeUndefined();
      expect(record.ruleId).toMatch(rule);
      if (contract.noInternalError === true) expect(record.ruleId, record.message).not.toBe(`${contract.format}/internal-error`);
      expect(record.file).toBe(contract.file);
      if (contract.messages === true) expect(record.message.length).toBeGreaterThan(0);
    } else {
      expect(RawItem.safeParse(record).error).toBeUndefined();
      if (contract.itemFormat !== false) expect(record.format).toBe(contract.format);
      if (contract.kind !== undefined) expect(record.kind).toBe(contract.kind);
      if (contract.originFile === true) expect(record.origin.file).toBe(contract.file);
      contract.item?.(record);
    }
  }
  if (contract.maxItems !== undefined) expect(itemsOf(records).length).toBeLessThanOrEqual(contract.maxItems);
}

export const itemsOf = (records: readonly AdapterRecord[]): RawItem[] => records.filter((record): record is RawItem => !isDiagnostic(record));
