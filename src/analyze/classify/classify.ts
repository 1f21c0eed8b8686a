import type { Classification, ReportEventType, SourceRole, Urgency } from '../../model/index.js';
import { CueIndex, foldText, tokenize, type Cue as CueOf, type CueMatch, type Token } from './cues.js';
import { CLASSIFY_LEXICON } from './lexicon.generated.js';
import type { ClassifyLexicon } from './lexicon.js';

/**
 * What a report is about and who speaks in it, read from cue words in Spanish and English:
 * event type (ACLED's sub-event types), negation and hedging, source role, attribution,
 * relatedness and urgency. Rules over a hand-written lexicon (data/lexicons/classify.yaml), so
 * that every answer comes with the words that decided it and needs no model download.
 */

/** What the caller knows about where the text came from; all optional — text alone works. */
export interface ClassifyContext {
  /** The channel or feed's name, e.g. "Alerta Llanera" or "@CNNEE". */
  channelName?: string | null;
  /**
   * The channel's type as the ingest adapters write it (`Channel.type`): `rss`, `atom`,
   * `website` (a publisher: leans media), `private_group`, `public_supergroup`, `whatsapp-chat`
   * (people writing, not a newsroom or an office), `public_channel`, `account`, …
   */
  channelType?: string | null;
  /** The author's display name or handle ("Protección Civil Apure" writing in a group), read like the channel's name. */
  author?: string | null;
  /**
   * The source registry's word on this channel: media, official, an organisation's own channel,
   * or the case's claimant. It decides over the text's cues (`claimant` comes only from here).
   */
  source?: { role?: SourceRole } | null;
}

/** The analysis contract's Classification, plus the role of the relayed speaker. */
export interface ClassifiedReport extends Classification {
  /** The role of `attributedTo` (officials → official, Cruz Roja → ngo), null when unknown or unattributed. */
  attributedRole: SourceRole | null;
}

type Cue = Classification['cues'][number];

/** A classifier built from a lexicon; `classifyReport` uses the shipped one. */
export class Classifier {
  private readonly index: CueIndex;
  private readonly handles: HandlePart[];

  /** Crisis words of four letters or more, by the word, and one pattern that finds any of them. */
  private readonly hashtagCues = new Map<string, CueOf>();
  private readonly hashtagParts: RegExp;

  constructor(lexicon: ClassifyLexicon) {
    this.index = new CueIndex(lexicon, ['handle']);
    for (const cue of this.index.cues) {
      const piece = cue.pieces[0];
      const part = piece?.kind === 'word' ? piece.word : piece?.kind === 'stem' ? piece.stem : '';
      if (cue.facet === 'crisis' && cue.pieces.length === 1 && part.length >= 4 && !this.hashtagCues.has(part)) this.hashtagCues.set(part, { ...cue, weight: 1 });
    }
    // Longest first, so that "wildfire" is found before "fire".
    const parts = [...this.hashtagCues.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b));
    this.hashtagParts = new RegExp(parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
    // Institutions first: "gobernacion" holds "nacion" (La Nación, a newspaper) as well as "gob".
    const order = (role: string): number => (role === 'official' ? 0 : role === 'ngo' ? 1 : 2);
    this.handles = Object.entries(lexicon['handle'] ?? {})
      .sort(([a], [b]) => order(a) - order(b))
      .flatMap(([role, languages]) => [...languages.es, ...languages.en].map((part) => ({ role: role as SourceRole, part: foldText(part) })));
  }

  /**
   * Hashtags run words together (#HighParkFire, #yycflood, #TerremotoCR): a crisis word of four
   * letters or more inside one counts, fully (a hashtag names the event), when no crisis cue
   * matched the hashtag as a word.
   */
  private insideHashtag(token: Token, index: number): CueMatch | null {
    this.hashtagParts.lastIndex = 0;
    for (let found = this.hashtagParts.exec(token.word); found !== null; found = this.hashtagParts.exec(token.word)) {
      const cue = this.hashtagCues.get(found[0]);
      if (cue !== undefined && found[0] !== token.word) return { cue, first: index, last: index + 1, start: token.start, end: token.end };
      this.hashtagParts.lastIndex = found.index + 1;
    }
    return null;
  }

  private readonly handleRoles = new Map<string, SourceRole | null>();

  /** The role an account name's parts say, remembered (bounded: a stream of new names must not grow it without end). */
  private roleOfHandle(name: string): SourceRole | null {
    const known = this.handleRoles.get(name);
    if (known !== undefined) return known;
    const role = handleRole(name, this.handles);
    if (this.handleRoles.size >= 10_000) this.handleRoles.clear();
    this.handleRoles.set(name, role);
    return role;
  }

  classify(text: string, context: ClassifyContext = {}): ClassifiedReport {
    const folded = foldText(text);
    const tokens = tokenize(folded);
    const all = this.index.match(tokens, text);
    const crisisAt = new Set(all.filter((m) => m.cue.facet === 'crisis').map((m) => m.first));
    tokens.forEach((token, index) => {
      const inside = token.mark === '#' && !crisisAt.has(index) ? this.insideHashtag(token, index) : null;
      if (inside !== null) all.push(inside);
    });
    const read = new Reading(text, folded, tokens, exclusive(all), (name) => this.roleOfHandle(name), this.index);

    const event = read.eventType();
    const related = read.related(event);
    const hedged = read.hedged(event.matches);
    let attribution = read.attribution();
    let role = read.sourceRole(context);
    // A first-hand account ("I heard", "desde mi casa") is not a relay; an impersonal one after
    // "según testigos" is the witnesses' account relayed.
    if (role.role === 'eyewitness' && attribution !== null) {
      if (read.personal()) attribution = null;
      else role = read.sourceRole(context, ['eyewitness']);
    }
    const urgency = read.urgency(role.role, event.type);

    const cues: Cue[] = [
      ...event.cues,
      ...related.cues,
      ...hedged.cues,
      ...role.cues,
      ...(attribution?.cues ?? []),
      ...urgency.cues,
    ];
    return {
      eventType: event.type,
      negated: event.negated,
      hedged: hedged.hedged,
      sourceRole: role.role,
      attributedTo: attribution?.speaker ?? null,
      attributedRole: attribution?.role ?? null,
      related: related.related,
      urgency: urgency.urgency,
      cues: dedupe(cues),
    };
  }
}

let shipped: Classifier | null = null;

/** Classify one report's text with the shipped lexicon. */
export function classifyReport(text: string, context: ClassifyContext = {}): ClassifiedReport {
  shipped ??= new Classifier(CLASSIFY_LEXICON);
  return shipped.classify(text, context);
}

// ── Reading one text ──────────────────────────────────────────────────────────────────────

interface HandlePart {
  role: SourceRole;
  part: string;
}

/** Event types from the most specific down: the order breaks ties between equal scores. */
const PRECEDENCE: readonly ReportEventType[] = [
  'suicide-bomb',
  'chemical-weapon',
  'air-drone-strike',
  'shelling-artillery-missile-attack',
  'remote-explosive-landmine-ied',
  'grenade',
  'explosion-unspecified',
  'sexual-violence',
  'abduction-forced-disappearance',
  'excessive-force-against-protesters',
  'protest-with-intervention',
  'armed-clash',
  'mob-violence',
  'violent-demonstration',
  'attack',
  'looting-property-destruction',
  'disrupted-weapons-use',
  'government-regains-territory',
  'non-state-actor-overtakes-territory',
  'headquarters-or-base-established',
  'arrests',
  'agreement',
  'change-to-group-activity',
  'non-violent-transfer-of-territory',
  'peaceful-protest',
  'other-strategic-development',
];
const REMOTE = new Set<ReportEventType>(['suicide-bomb', 'chemical-weapon', 'air-drone-strike', 'shelling-artillery-missile-attack', 'remote-explosive-landmine-ied', 'grenade']);
/** Strategic developments weigh less: "tras el enfrentamiento detuvieron a tres" is a clash. */
const STRATEGIC_WEIGHT = 0.6;
const STRATEGIC = new Set<ReportEventType>([
  'arrests',
  'agreement',
  'change-to-group-activity',
  'disrupted-weapons-use',
  'headquarters-or-base-established',
  'looting-property-destruction',
  'non-violent-transfer-of-territory',
  'other-strategic-development',
  'government-regains-territory',
  'non-state-actor-overtakes-territory',
]);

/** Words that may stand between a negation and what it negates ("no hubo ninguna explosión"). */
const NEGATION_GAP = new Set(
  'el la los las lo un una unos unas ningun ninguna ningunos ningunas algun alguna de del se hubo hay habia fue fueron era es que haya hayan habido sido the a an any such some there was were is of that it been'.split(' '),
);
const MAX_NEGATION_GAP = 4;
const NONE: CueMatch[] = [];
const DETERMINERS = new Set('el la los las lo un una the a an'.split(' '));
const FACETS_EXCLUSIVE = new Set(['event', 'accident', 'context', 'noise']);
/** Prepositions after which an unlisted capitalised name is still a speaker ("según Reuters"). */
const OPEN_SPEAKER = new Set(['según', 'de acuerdo con', 'de acuerdo a', 'according to', 'citing', 'citando a']);
/** A speaker's own announcement at the start of its post ("La Gobernación informa a la colectividad:"). */
const SELF_STATEMENT_VERBS = new Set(['informa', 'comunica', 'anuncia', 'notifica', 'informs', 'announces']);
const SELF_STATEMENT_AUDIENCE = /^\s*(:|a la (colectividad|ciudadan[ií]a|poblaci[oó]n|opini[oó]n p[uú]blica)|to the public)/iu;

/**
 * Within event, accident, context and noise the longest cue at a place wins and hides the cues
 * inside it; cues of the other facets are all kept.
 */
function exclusive(matches: readonly CueMatch[]): CueMatch[] {
  const layered = matches.filter((m) => FACETS_EXCLUSIVE.has(m.cue.facet)).sort((a, b) => b.last - b.first - (a.last - a.first) || a.first - b.first);
  const kept: CueMatch[] = [];
  // Which kept span holds each token: a match may share its exact span, never overlap another.
  const holder = new Map<number, string>();
  for (const match of layered) {
    const span = `${match.first}:${match.last}`;
    let clash = false;
    for (let token = match.first; token < match.last && !clash; token++) {
      const held = holder.get(token);
      clash = held !== undefined && held !== span;
    }
    if (clash) continue;
    kept.push(match);
    for (let token = match.first; token < match.last; token++) holder.set(token, span);
  }
  // One match per place and label: "drones" is both Spanish "dron*" and English "drone*".
  const once = new Map<string, CueMatch>();
  for (const match of [...kept, ...matches.filter((m) => !FACETS_EXCLUSIVE.has(m.cue.facet))]) {
    const key = `${match.first}:${match.last}:${match.cue.label}`;
    const seen = once.get(key);
    if (seen === undefined || match.cue.weight > seen.cue.weight) once.set(key, match);
  }
  return [...once.values()].sort((a, b) => a.first - b.first || a.last - b.last);
}

function cueOf(match: CueMatch, label: string = match.cue.label): Cue {
  return { start: match.start, end: match.end, cue: label };
}

/** One cue per place and label; a cue inside a longer one with the same label ("fake" in "es fake") is left out. */
function dedupe(cues: readonly Cue[]): Cue[] {
  // Sorted by start, longest first: a cue lies inside an earlier one with its label exactly when
  // it ends no later than the furthest end seen for that label.
  const sorted = [...cues].sort((a, b) => a.start - b.start || b.end - a.end || a.cue.localeCompare(b.cue));
  const furthest = new Map<string, number>();
  return sorted.filter((cue) => {
    const end = furthest.get(cue.cue);
    if (end !== undefined && cue.end <= end) return false;
    furthest.set(cue.cue, cue.end);
    return true;
  });
}

function sum(matches: readonly CueMatch[]): number {
  let total = 0;
  for (const match of matches) total += match.cue.weight;
  return total;
}

interface EventReading {
  type: ReportEventType;
  negated: boolean;
  /** The event cues the type was read from. */
  matches: CueMatch[];
  cues: Cue[];
  /** Violence context: an event cue (asserted or denied) or an armed group. */
  violent: boolean;
}

interface Attribution {
  speaker: string;
  role: SourceRole | null;
  cues: Cue[];
}

interface RoleReading {
  role: SourceRole;
  cues: Cue[];
}

class Reading {
  private readonly byFacet = new Map<string, CueMatch[]>();
  /** Tokens of the retweeted or credited account (`RT @x`, `vía @x`), with the role its name says. */
  private readonly handleRoles: { token: Token; role: SourceRole }[] = [];

  constructor(
    private readonly text: string,
    private readonly folded: string,
    private readonly tokens: readonly Token[],
    matches: readonly CueMatch[],
    private readonly roleOfHandle: (name: string) => SourceRole | null,
    private readonly speakerIndex: CueIndex,
  ) {
    for (const match of matches) {
      const list = this.byFacet.get(match.cue.facet);
      if (list === undefined) this.byFacet.set(match.cue.facet, [match]);
      else list.push(match);
    }
    for (const token of tokens) {
      if (token.mark !== '@') continue;
      const role = this.roleOfHandle(token.word);
      if (role !== null) this.handleRoles.push({ token, role });
    }
  }

  private readonly byValue = new Map<string, CueMatch[]>();

  /** The matches of one facet (and value), the same list on every call. */
  private facet(facet: string, value?: string): CueMatch[] {
    const list = this.byFacet.get(facet) ?? NONE;
    if (value === undefined) return list;
    const key = `${facet}:${value}`;
    let filtered = this.byValue.get(key);
    if (filtered === undefined) this.byValue.set(key, (filtered = list.filter((m) => m.cue.value === value)));
    return filtered;
  }

  /** "el tren": the gang when violence is around it, a train when railway words are, else neither. */
  private trainOrGang(violentCues: boolean): Cue[] {
    const ambiguous = this.facet('context', 'train-or-gang');
    if (ambiguous.length === 0) return [];
    if (this.facet('accident', 'railway').length > 0) return ambiguous.map((m) => cueOf(m, 'accident:railway'));
    if (violentCues) return ambiguous.map((m) => cueOf(m, 'context:gang'));
    return [];
  }

  eventType(): EventReading {
    const events = this.facet('event');
    const gang = this.facet('context', 'gang');
    const negation = this.facet('negation', 'local');
    const debunks = this.facet('negation', 'debunk');
    const negatedBy = new Map<CueMatch, CueMatch>();
    for (const event of events) {
      const by = this.negationBefore(negation, event);
      if (by !== null) negatedBy.set(event, by);
    }
    const disaster = this.facet('crisis', 'disaster').length + this.facet('accident').length > 0;
    const violence = this.facet('crisis', 'violence').length + gang.length > 0;
    // Fireworks or thunder in the post explain a bang: "los cohetes que se escuchan son por las
    // fiestas patronales", "cayó un rayo, retumbó todo" — unless denied ("no fue un rayo").
    const explanations = [...this.facet('context', 'fireworks'), ...this.facet('context', 'thunder')].filter((context) => this.negationBefore(negation, context) === null);
    const explained = (m: CueMatch): boolean => explanations.length > 0 && (m.cue.value === 'explosion-unspecified' || m.cue.weight < 1);
    const asserted = events.filter((e) => !negatedBy.has(e) && !explained(e));
    // Weak cues alone ("desaparecido", "bomba", "tiros", "drones") make a violent event only
    // with violence around them or when two of them agree ("un zumbido, como un dron. Después el
    // pum"), and never in a disaster's reports (the missing, a pump).
    const strong = (list: CueMatch[]): CueMatch[] => (list.every((m) => m.cue.weight < 1) && (disaster || (!violence && sum(list) < 1)) ? [] : list);
    const chosen = strong(asserted).length > 0 ? strong(asserted) : strong(events.filter((e) => !explained(e)));
    const negated = (chosen.length > 0 && chosen.every((e) => negatedBy.has(e))) || debunks.length > 0;
    const type = chosen.length === 0 ? 'not-an-event' : pickType(chosen, (m) => this.tokenAt(m.first).sentence);
    const deciding = chosen.filter((m) => m.cue.value === type || (type !== 'explosion-unspecified' && m.cue.value === 'explosion-unspecified'));
    const decided = new Set(deciding);
    const violent = events.length > 0 || gang.length > 0;
    const cues: Cue[] = [
      ...deciding.map((m) => cueOf(m)),
      ...[...negatedBy].filter(([event]) => decided.has(event)).map(([, by]) => cueOf(by, 'negation')),
      ...debunks.map((m) => cueOf(m, 'debunk')),
      ...gang.map((m) => cueOf(m)),
      ...explanations.map((m) => cueOf(m)),
      ...this.trainOrGang(violent),
      ...this.facet('accident').map((m) => cueOf(m)),
      ...this.facet('noise').map((m) => cueOf(m)),
    ];
    return { type, negated, matches: deciding, cues, violent };
  }

  related(event: EventReading): { related: boolean; cues: Cue[] } {
    const crisis = this.facet('crisis');
    const accidents = this.facet('accident');
    const spam = this.facet('noise', 'spam');
    const score = sum(crisis) + sum(accidents) * 2 + (event.type === 'not-an-event' ? 0 : 2) + (event.violent ? 1 : 0) - sum(spam) * 2;
    return { related: score >= 1, cues: score >= 1 ? crisis.map((m) => cueOf(m)) : spam.map((m) => cueOf(m)) };
  }

  hedged(eventCues: readonly CueMatch[]): { hedged: boolean; cues: Cue[] } {
    const hedges = this.facet('hedge');
    const cues = hedges.map((m) => cueOf(m, 'hedge'));
    // "¿fue una explosión?": an event asked about is not vouched for.
    for (const event of eventCues) {
      const question = this.questionAround(event);
      if (question) cues.push(cueOf(event, 'hedge:question'));
    }
    return { hedged: cues.length > 0, cues };
  }

  /** Whether the text speaks in a person's voice ("yo", "mi", "I", "my"). */
  personal(): boolean {
    return this.facet('role', 'personal').length > 0;
  }

  sourceRole(context: ClassifyContext, excluded: readonly SourceRole[] = []): RoleReading {
    const given = context.source?.role;
    if (given !== undefined && given !== 'unknown') return { role: given, cues: [] };
    this.attribution(); // finds a self-announcement ("El Ministerio informa:"), read below
    const scores = new Map<SourceRole, number>();
    const cues = new Map<SourceRole, Cue[]>();
    const add = (role: SourceRole, points: number, cue?: Cue): void => {
      scores.set(role, (scores.get(role) ?? 0) + points);
      if (cue === undefined) return;
      const list = cues.get(role);
      if (list === undefined) cues.set(role, [cue]);
      else list.push(cue);
    };
    for (const match of this.facet('role')) {
      const role = match.cue.value;
      if (role === 'personal') continue;
      // First-hand words in someone else's mouth ("vecinos dicen que se escuchó…", a quote) are relayed.
      const relayed = role === 'eyewitness' && this.relayed(match);
      add(role as SourceRole, match.cue.weight * (ROLE_WEIGHT[role] ?? 1) * (relayed ? RELAYED_WEIGHT : 1), cueOf(match));
    }
    const personal = sum(this.facet('role', 'personal'));
    if (personal > 0) {
      add('eyewitness', Math.min(personal, 2) * 0.25);
      add('outsider', Math.min(personal, 2) * 0.5);
      add('media', -Math.min(personal, 2));
      add('official', -Math.min(personal, 2) * 0.5);
    }
    if (this.selfStatement !== null && INSTITUTIONS.has(this.selfStatement.role)) add(this.selfStatement.role, 3, this.selfStatement.cue);
    // The account a post is retweeted from, or credited to, is who speaks.
    const speaking = this.speakingHandle();
    if (speaking !== null) add(speaking.role, 3, { start: speaking.token.start, end: speaking.token.end, cue: `role:${speaking.role}` });
    const type = context.channelType?.toLowerCase() ?? null;
    if (type !== null && PUBLISHER_TYPES.has(type)) add('media', 1);
    if (type !== null && GROUP_TYPES.has(type)) {
      add('media', -1);
      add('official', -1);
    }
    // A channel or an author named for an institution or an outlet speaks as one.
    for (const name of [context.channelName ?? null, context.author ?? null]) {
      const role = name === null ? null : this.channelRole(name);
      if (role !== null) add(role, 3);
    }
    if (/https?:\/\/|www\./i.test(this.text)) add('media', LINK_WEIGHT);
    // A hotline or emergency number to call is what authorities post.
    const phone = PHONE.exec(this.text);
    if (phone !== null && !YEARS.test(phone[0])) add('official', 1, { start: phone.index, end: phone.index + phone[0].length, cue: 'role:official' });
    // A check-in ("Colorado fire @ Carroll Butts Park") or coordinates: posted from the place.
    const checkIn = /\s@\s+\p{Lu}|#loc\b/u.exec(this.text);
    if (checkIn !== null) add('eyewitness', 2, { start: checkIn.index + 1, end: checkIn.index + checkIn[0].length, cue: 'role:eyewitness' });
    const ranked = [...scores].filter(([role, score]) => score >= 1 && !excluded.includes(role)).sort((a, b) => b[1] - a[1] || ROLE_ORDER.indexOf(a[0]) - ROLE_ORDER.indexOf(b[0]));
    const best = ranked[0];
    if (best === undefined) return { role: 'unknown', cues: [] };
    return { role: best[0], cues: cues.get(best[0]) ?? [] };
  }

  /** A speaker's own announcement at the start of the post, found by `attribution()`. */
  private selfStatement: { role: SourceRole; cue: Cue } | null = null;

  /** Inside quotation marks, or after a reporting verb or "dicen que" in the same sentence. */
  private relayed(match: CueMatch): boolean {
    // The quoted stretches are in order and apart: find the last one opening before the match.
    const quoted = this.quoted;
    let low = 0;
    let high = quoted.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if ((quoted[middle] as [number, number])[0] <= match.start) low = middle + 1;
      else high = middle - 1;
    }
    const around = quoted[high];
    if (around !== undefined && match.end <= around[1]) return true;
    const opens = this.reportedSpeechOpens.get(this.tokenAt(match.first).sentence);
    return opens !== undefined && opens <= match.first;
  }

  /** Per sentence, the token where the first reporting frame ("dicen que", "said", "según") ends. */
  private get reportedSpeechOpens(): Map<number, number> {
    if (this.reportedSpeechCache !== null) return this.reportedSpeechCache;
    const opens = new Map<number, number>();
    for (const frame of [...this.facet('attribution'), ...this.facet('hedge').filter((m) => REPORTED_SPEECH.has(m.cue.written))]) {
      const sentence = this.tokenAt(frame.first).sentence;
      opens.set(sentence, Math.min(opens.get(sentence) ?? Infinity, frame.last));
    }
    this.reportedSpeechCache = opens;
    return opens;
  }

  private reportedSpeechCache: Map<number, number> | null = null;

  /** Quoted stretches of the text: "…", “…”, «…». */
  private get quoted(): [number, number][] {
    if (this.quotedCache !== null) return this.quotedCache;
    const spans: [number, number][] = [];
    let open: number | null = null;
    for (let i = 0; i < this.text.length; i++) {
      const char = this.text[i];
      if (char === '"') {
        if (open === null) open = i;
        else {
          spans.push([open, i]);
          open = null;
        }
      } else if (char === '“' || char === '«') open = i;
      else if ((char === '”' || char === '»') && open !== null) {
        spans.push([open, i]);
        open = null;
      }
    }
    this.quotedCache = spans;
    return spans;
  }

  private quotedCache: [number, number][] | null = null;

  /** A channel named for an institution ("Gobernación de Apure", "Cruz Roja Venezolana") or by an account name's parts. */
  private channelRole(channel: string): SourceRole | null {
    const folded = foldText(channel);
    // Institutions and outlets only: a group named "Vecinos de …" is a place's people, not all witnesses.
    const speaker = this.speakerIndex.match(tokenize(folded), channel).find((m) => m.cue.facet === 'speaker' && INSTITUTIONS.has(m.cue.value));
    if (speaker !== undefined) return speaker.cue.value as SourceRole;
    return this.roleOfHandle(folded.replace(/[^\p{L}\p{N}_]/gu, ''));
  }

  private speakingHandle(): { token: Token; role: SourceRole } | null {
    for (const { token, role } of this.handleRoles) {
      const before = this.folded.slice(Math.max(0, token.start - 8), token.start - 1);
      // "RT @x", "vía @x", "(@x)", or "@x: …" quoting the account.
      const quoting = this.text[token.end] === ':';
      if (/(^|\s)rt\s*$/.test(before) || /(^|\s)v[ií]a\s*$/.test(before) || /\(\s*$/.test(before) || quoting) return { token, role };
    }
    return null;
  }

  /** Whose statement the text relays; read once (sourceRole needs its self-announcements too). */
  attribution(): Attribution | null {
    if (this.attributionRead === undefined) this.attributionRead = this.readAttribution();
    return this.attributionRead;
  }

  private attributionRead: Attribution | null | undefined;

  private readAttribution(): Attribution | null {
    const speakers = this.facet('speaker');
    const found: { first: number; speaker: string; role: SourceRole | null; cues: Cue[] }[] = [];
    for (const marker of this.facet('attribution', 'before-speaker')) {
      let at = marker.last;
      const det = at < this.tokens.length && DETERMINERS.has(this.tokenAt(at).word) ? at : null;
      if (det !== null) at++;
      const speaker = longestOf(this.indexBy(speakers, 'first').get(at));
      if (speaker !== undefined && this.sameSentence(marker.first, speaker.first)) {
        found.push(this.attributed(marker, det ?? speaker.first, speaker));
        continue;
      }
      if (OPEN_SPEAKER.has(marker.cue.written)) {
        const named = this.capitalisedRun(marker.last);
        if (named !== null) {
          // An unlisted name still says something by its parts: "Gov Hickenlooper", "CSFD", "@policia".
          const role = this.roleOfHandle(foldText(named.text).replace(/[^\p{L}\p{N}_]/gu, ''));
          found.push({ first: marker.first, speaker: named.text, role, cues: [cueOf(marker, 'attribution'), { start: named.start, end: named.end, cue: role === null ? 'speaker' : `speaker:${role}` }] });
        }
      }
    }
    for (const verb of this.facet('attribution', 'after-speaker')) {
      const byLast = this.indexBy(speakers, 'last');
      let speaker: CueMatch | undefined;
      // The nearest speaker ending at most three words before the verb, the longest there.
      for (let last = verb.first; last >= Math.max(0, verb.first - 3) && speaker === undefined; last--) {
        speaker = [...(byLast.get(last) ?? [])].filter((s) => this.sameSentence(s.first, verb.first)).sort((a, b) => a.first - b.first)[0];
      }
      if (speaker === undefined) continue;
      const det = speaker.first > 0 && DETERMINERS.has(this.tokenAt(speaker.first - 1).word) ? speaker.first - 1 : speaker.first;
      // The speaker's own post ("La Gobernación informa a la colectividad:") is not a relay: it
      // is the speaker speaking.
      if (det <= 1 && SELF_STATEMENT_VERBS.has(this.tokenAt(verb.first).word) && SELF_STATEMENT_AUDIENCE.test(this.text.slice(verb.end, verb.end + 40))) {
        this.selfStatement ??= { role: speaker.cue.value as SourceRole, cue: { start: this.tokenAt(det).start, end: verb.end, cue: `role:${speaker.cue.value}` } };
        continue;
      }
      found.push(this.attributed(verb, det, speaker));
    }
    found.sort((a, b) => a.first - b.first);
    const first = found[0];
    return first === undefined ? null : { speaker: first.speaker, role: first.role, cues: first.cues };
  }

  urgency(role: SourceRole, type: ReportEventType): { urgency: Urgency; cues: Cue[] } {
    const breaking = this.facet('urgency', 'breaking');
    const developing = this.facet('urgency', 'developing');
    const retrospective = this.facet('urgency', 'retrospective');
    const label = (list: CueMatch[]): Cue[] => list.map((m) => cueOf(m));
    if (retrospective.length > 0 && sum(retrospective) >= sum(breaking)) return { urgency: 'retrospective', cues: label(retrospective) };
    if (breaking.length > 0) return { urgency: 'breaking', cues: label(breaking) };
    if (developing.length > 0) return { urgency: 'developing', cues: label(developing) };
    // A first-hand account of an event with no time word is happening now.
    if (role === 'eyewitness' && type !== 'not-an-event') return { urgency: 'breaking', cues: [] };
    return { urgency: 'developing', cues: [] };
  }

  // ── small readers ──

  private tokenAt(index: number): Token {
    const token = this.tokens[index];
    if (token === undefined) throw new Error(`no token ${index}`);
    return token;
  }

  private sameSentence(a: number, b: number): boolean {
    return this.tokenAt(a).sentence === this.tokenAt(b).sentence;
  }

  /** The longest negation that ends right before `match` (only skippable words between), or null. */
  private negationBefore(negation: readonly CueMatch[], match: CueMatch): CueMatch | null {
    const byLast = this.indexBy(negation, 'last');
    let best: CueMatch | null = null;
    for (let last = Math.max(0, match.first - MAX_NEGATION_GAP); last <= match.first; last++) {
      for (const n of byLast.get(last) ?? []) {
        if (!this.sameSentence(n.first, match.first) || !this.gapIsSkippable(n.last, match.first)) continue;
        if (best === null || n.last - n.first > best.last - best.first) best = n;
      }
    }
    return best;
  }

  private readonly indexes = new Map<readonly CueMatch[], Map<string, Map<number, CueMatch[]>>>();

  /** Matches by their first or last token, built once per list. */
  private indexBy(matches: readonly CueMatch[], key: 'first' | 'last'): Map<number, CueMatch[]> {
    let byKey = this.indexes.get(matches);
    if (byKey === undefined) {
      byKey = new Map<string, Map<number, CueMatch[]>>();
      this.indexes.set(matches, byKey);
    }
    let index = byKey.get(key);
    if (index === undefined) {
      index = new Map<number, CueMatch[]>();
      for (const match of matches) {
        const list = index.get(match[key]);
        if (list === undefined) index.set(match[key], [match]);
        else list.push(match);
      }
      byKey.set(key, index);
    }
    return index;
  }

  private gapIsSkippable(from: number, to: number): boolean {
    if (to - from > MAX_NEGATION_GAP) return false;
    for (let i = from; i < to; i++) if (!NEGATION_GAP.has(this.tokenAt(i).word)) return false;
    return true;
  }

  /** The sentence around the match ends with "?" or opens with "¿". Scans the sentence only. */
  private questionAround(match: CueMatch): boolean {
    for (let i = match.end; i < this.text.length; i++) {
      const char = this.text[i];
      if (char === '?') return true;
      if (char === '.' || char === '!' || char === '\n') break;
    }
    for (let i = match.start - 1; i >= 0; i--) {
      const char = this.text[i];
      if (char === '¿') return true;
      if (char === '.' || char === '!' || char === '?' || char === '\n') break;
    }
    return false;
  }

  private attributed(marker: CueMatch, from: number, speaker: CueMatch): { first: number; speaker: string; role: SourceRole | null; cues: Cue[] } {
    const start = this.tokenAt(from).start;
    const written = this.text.slice(start, speaker.end).replace(/\s+/g, ' ');
    // A common noun is given in lower case ("Officials" → "officials"); a name keeps its capitals.
    const properName = /\p{Lu}/u.test(speaker.cue.written);
    const phrase = properName ? lowerDeterminer(written, from !== speaker.first) : written.toLowerCase();
    const role = speaker.cue.value === 'unknown' ? null : (speaker.cue.value as SourceRole);
    return {
      first: Math.min(marker.first, speaker.first),
      speaker: phrase,
      role,
      cues: [cueOf(marker, 'attribution'), { start, end: speaker.end, cue: `speaker:${speaker.cue.value}` }],
    };
  }

  /** Up to four capitalised words or one @handle from `at`: "según Reuters", "according to @policia". */
  private capitalisedRun(at: number): { text: string; start: number; end: number } | null {
    const first = this.tokens[at];
    if (first === undefined) return null;
    if (first.mark === '@') return { text: this.text.slice(first.start - 1, first.end), start: first.start - 1, end: first.end };
    let last = at;
    while (last < this.tokens.length && last - at < 4) {
      const token = this.tokenAt(last);
      if (!/^\p{Lu}/u.test(this.text.slice(token.start, token.end)) || token.sentence !== first.sentence) break;
      // A name's words stand next to each other: "Gov Hickenlooper, One third" stops at the comma.
      if (last > at && !/^\s+$/u.test(this.text.slice(this.tokenAt(last - 1).end, token.start))) break;
      last++;
    }
    if (last === at) return null;
    const end = this.tokenAt(last - 1).end;
    return { text: this.text.slice(first.start, end), start: first.start, end };
  }
}

const INSTITUTIONS = new Set(['official', 'ngo', 'media']);
/** Channel types that publish (a feed, a site) and that are people talking (a group chat). */
const PUBLISHER_TYPES = new Set(['rss', 'atom', 'rdf', 'website']);
const GROUP_TYPES = new Set(['private_group', 'public_supergroup', 'whatsapp-chat']);
const LINK_WEIGHT = 1;
/** 303-413-7730, 2210-2825, 800 333 911, 0800-123-4567: a number to call. */
const YEARS = /^(?:19|20)\d\d[-. ](?:19|20)\d\d$/;
const PHONE = /(?<![\d.,:/])\d{3,4}[-. ]\d{3,4}(?:[-. ]\d{3,4})?(?!\d)/;
/** First-hand cues in reported speech count a quarter. */
const RELAYED_WEIGHT = 0.25;
const REPORTED_SPEECH = new Set(['dicen que', 'se dice que', 'it is said']);
const ROLE_WEIGHT: Readonly<Record<string, number>> = { eyewitness: 2, media: 1, official: 1.5, ngo: 1.5, organisation: 1.5, outsider: 1.5 };
/** Ties go to the role that claims least: a first-hand account before a relay. */
const ROLE_ORDER: readonly SourceRole[] = ['eyewitness', 'official', 'ngo', 'organisation', 'media', 'outsider', 'claimant', 'unknown'];

function pickType(matches: readonly CueMatch[], sentenceOf: (match: CueMatch) => number): ReportEventType {
  // A device defused or a drone shot down in the same sentence did not go off: "desactivaron un
  // artefacto explosivo", "se hallaron fusiles, explosivos".
  const disrupted = new Set(matches.filter((m) => m.cue.value === 'disrupted-weapons-use').map(sentenceOf));
  if (disrupted.size > 0) matches = matches.filter((m) => !(REMOTE.has(m.cue.value as ReportEventType) && disrupted.has(sentenceOf(m))));
  const scores = new Map<ReportEventType, number>();
  for (const match of matches) {
    const type = match.cue.value as ReportEventType;
    scores.set(type, (scores.get(type) ?? 0) + match.cue.weight * (STRATEGIC.has(type) ? STRATEGIC_WEIGHT : 1));
  }
  // A cause named beats an explosion heard: "bombazo … fue un dron" is a drone strike.
  const remote = [...scores.keys()].filter((type) => REMOTE.has(type));
  const candidates = remote.length > 0 ? remote : [...scores.keys()];
  candidates.sort((a, b) => (scores.get(b) ?? 0) - (scores.get(a) ?? 0) || PRECEDENCE.indexOf(a) - PRECEDENCE.indexOf(b));
  return candidates[0] ?? 'not-an-event';
}

function longestOf(matches: readonly CueMatch[] | undefined): CueMatch | undefined {
  let best: CueMatch | undefined;
  for (const match of matches ?? []) if (best === undefined || match.last > best.last) best = match;
  return best;
}

function lowerDeterminer(phrase: string, hasDeterminer: boolean): string {
  if (!hasDeterminer) return phrase;
  const space = phrase.indexOf(' ');
  return space === -1 ? phrase : phrase.slice(0, space).toLowerCase() + phrase.slice(space);
}

/** A part of four letters or more anywhere in the name; a shorter one at its start; `=ap` only as the whole name. */
function handleRole(name: string, handles: readonly HandlePart[]): SourceRole | null {
  for (const { role, part } of handles) {
    if (part.startsWith('=') ? name === part.slice(1) : part.length >= 4 ? name.includes(part) : name.startsWith(part)) return role;
  }
  return null;
}
