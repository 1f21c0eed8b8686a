/**
 * The event ids seen so far in one file, to tell a repeated row from a revised one. Both
 * data sets re-issue rows: ACLED re-exports an event with the same id when it revises it, and
 * files get concatenated. The registry is bounded: past `limit` ids it stops remembering new
 * ones (the store still merges items with the same content, since their ids are equal).
 */
export type Sighting =
  | { readonly kind: 'new' }
  /** The same id with the same content: a repeated row. */
  | { readonly kind: 'repeat'; readonly firstLine: number }
  /** The same id with other content: a revision, or two versions from two exports. */
  | { readonly kind: 'revision'; readonly firstLine: number }
  /** The registry is full and this id was not seen before it filled up. */
  | { readonly kind: 'untracked'; readonly firstUntracked: boolean };

export class EventRegistry {
  private readonly seen = new Map<string, { readonly content: string; readonly line: number }>();
  private full = false;

  constructor(private readonly limit: number) {}

  sight(eventId: string, contentId: string, line: number): Sighting {
    const before = this.seen.get(eventId);
    // The first 16 hex digits of a SHA-256 tell contents apart; the whole would double the memory.
    const content = contentId.slice(0, 16);
    if (before !== undefined) return before.content === content ? { kind: 'repeat', firstLine: before.line } : { kind: 'revision', firstLine: before.line };
    if (this.seen.size >= this.limit) {
      const firstUntracked = !this.full;
      this.full = true;
      return { kind: 'untracked', firstUntracked };
    }
    this.seen.set(eventId, { content, line });
    return { kind: 'new' };
  }
}

/** How many event ids a file's registry remembers (about 100 MB at the limit). */
export const REGISTRY_LIMIT = 1_000_000;
