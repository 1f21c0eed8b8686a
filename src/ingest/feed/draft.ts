/** The three feed formats this reader knows, by root element. */
export type FeedDialect = 'rss' | 'atom' | 'rdf';

/**
 * How a text field is written: plain text (Atom `type="text"`), HTML as character data (RSS
 * description, Atom `type="html"`) or XHTML elements re-serialised as HTML (Atom `type="xhtml"`).
 */
export type Markup = 'text' | 'html' | 'xhtml';

/** A value with the `line:col` of the element that held it. */
export interface Located {
  readonly value: string;
  readonly at: string;
}

/** A value that may be a relative URL, with the xml:base in scope where it was written. */
export interface LocatedRef extends Located {
  readonly base: string | null;
}

export interface TextField extends LocatedRef {
  readonly markup: Markup;
}

export interface LinkField extends LocatedRef {
  /** Atom `rel`; RSS `<link>` counts as `alternate`. */
  readonly rel: string;
  readonly type: string | null;
  readonly length: string | null;
}

export interface MediaField extends LocatedRef {
  /** Which element named it: `<enclosure>`, Atom `rel="enclosure"`, `media:content`, `media:thumbnail`. */
  readonly element: 'enclosure' | 'media-content' | 'media-thumbnail';
  readonly type: string | null;
  readonly medium: string | null;
  readonly length: string | null;
  readonly width: string | null;
  readonly height: string | null;
}

/** An item (RSS `<item>`, Atom `<entry>`) as read so far, before it is mapped to a RawItem. */
export interface ItemDraft {
  readonly at: string;
  /** Depth of the item element in the document (the root is 1). */
  readonly depth: number;
  readonly base: string | null;
  readonly lang: string | null;
  readonly startByte: number | null;
  /** RSS 1.0 `rdf:about`. */
  about: string | null;
  title: TextField | null;
  links: LinkField[];
  /** RSS `<description>`, Atom `<summary>`. */
  description: TextField | null;
  /** `content:encoded`, Atom `<content>`. */
  content: TextField | null;
  guid: (Located & { readonly isPermaLink: boolean }) | null;
  atomId: Located | null;
  /** `dc:creator`, Atom `author/name`: names as the outlet prints them. */
  creators: string[];
  /** RSS `<author>`, by the spec an e-mail address, often `address (Name)`. */
  rssAuthor: string | null;
  categories: string[];
  comments: LocatedRef | null;
  /** RSS `pubDate`, Atom `published`. */
  published: Located | null;
  dcDate: Located | null;
  updated: Located | null;
  source: { name: string | null; url: LocatedRef | null; id: string | null } | null;
  media: MediaField[];
  /** `georss:point` or `gml:pos`: "lat lon". */
  point: Located | null;
  lat: Located | null;
  long: Located | null;
  /** `dc:language` on the item. */
  language: string | null;
  /** A field was longer than the reader keeps and was cut. */
  oversized: boolean;
}

/** What the channel (RSS) or feed (Atom) element says about itself. */
export interface FeedMeta {
  title: TextField | null;
  link: LocatedRef | null;
  selfLink: LocatedRef | null;
  atomId: string | null;
  about: string | null;
  language: string | null;
  authors: string[];
}

export function emptyItem(at: string, depth: number, base: string | null, lang: string | null, startByte: number | null): ItemDraft {
  return {
    at,
    depth,
    base,
    lang,
    startByte,
    about: null,
    title: null,
    links: [],
    description: null,
    content: null,
    guid: null,
    atomId: null,
    creators: [],
    rssAuthor: null,
    categories: [],
    comments: null,
    published: null,
    dcDate: null,
    updated: null,
    source: null,
    media: [],
    point: null,
    lat: null,
    long: null,
    language: null,
    oversized: false,
  };
}
