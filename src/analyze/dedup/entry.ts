import type { RawItem } from '../../model/index.js';
import type { CopyLink, ProvenanceEntry } from './provenance.js';

/**
 * What the provenance index needs of an ingested item: its text, time, platform id, channel,
 * the copy link its format states, and the perceptual hashes of its pictures (from the media
 * stage, which the item itself does not carry).
 *
 * - Telegram: "Forwarded from" names the origin channel (`forwarded_from_id` "channel1555000111"
 *   is the channel `telegram:1555000111`), never the message; a forward from a person has only a
 *   pseudonym, matched against channel names.
 * - X/Twitter: a retweet carries `extra.retweetOf`, a quote `extra.quoted` (`twitter:<id>`).
 * - Mastodon: a boost carries `extra.reblogOf`, the boosted status's URI (its externalId).
 * - Tables: `forwardedFrom` is a channel or account name.
 * A reply (`replyTo`) is not a copy and gives no link.
 */
export function provenanceEntryFromItem(item: RawItem, mediaHashes: readonly string[] = []): ProvenanceEntry {
  return {
    id: item.id,
    text: item.title !== null && item.title !== '' && !item.text.startsWith(item.title) ? `${item.title}\n${item.text}` : item.text,
    time: item.time,
    externalId: item.externalId,
    channel: item.channel.id,
    channelName: item.channel.name,
    forwardOf: copyLinkOf(item),
    mediaHashes,
  };
}

function copyLinkOf(item: RawItem): CopyLink | null {
  const extra = item.extra;
  const named = (key: string): string | null => (typeof extra[key] === 'string' ? extra[key] : null);
  const retweetOf = named('retweetOf') ?? named('reblogOf');
  if (retweetOf !== null) return { kind: 'repost', item: retweetOf };
  const quoted = named('quoted');
  if (quoted !== null) return { kind: 'quote', item: quoted };
  if (item.forwardedFrom === null) return null;
  if (item.format === 'telegram') {
    const originId = named('forwardedFromId');
    const channel = originId === null ? null : `telegram:${originId.replace(/^channel/, '')}`;
    return { kind: 'forward', channel: channel ?? item.forwardedFrom };
  }
  // A boost or retweet whose original is not named: the account it came from.
  if (item.format === 'mastodon' || item.format === 'twitter') return { kind: 'repost', channel: item.forwardedFrom };
  return { kind: 'forward', channel: item.forwardedFrom };
}
