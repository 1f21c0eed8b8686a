/** The fields a table's columns can be mapped to (`--map text=body,time=created_at`). */
export const TABLE_FIELDS = ['text', 'time', 'author', 'id', 'url', 'title', 'lang', 'lat', 'lon', 'replyTo', 'forwardedFrom', 'media', 'channel'] as const;
export type TableField = (typeof TABLE_FIELDS)[number];

/**
 * Column names that scrapers, spreadsheet exports and APIs use for each field, most specific
 * first, in English and Spanish. Compared without case, accents, spaces or punctuation, so
 * `Tweet Id`, `tweet_id` and `tweetId` are one name.
 */
const GUESSES: Readonly<Record<TableField, readonly string[]>> = {
  text: ['text', 'full_text', 'rawContent', 'renderedContent', 'content', 'body', 'message', 'tweet', 'post', 'caption', 'texto', 'mensaje', 'contenido', 'cuerpo', 'publicacion'],
  time: ['time', 'created_at', 'datetime', 'date', 'timestamp', 'published', 'published_at', 'posted_at', 'fecha_hora', 'fecha', 'hora_fecha'],
  author: ['author', 'username', 'screen_name', 'user.username', 'user.screen_name', 'account.acct', 'author.username', 'user', 'from', 'handle', 'autor', 'usuario', 'cuenta'],
  id: ['id', 'post_id', 'tweet_id', 'status_id', 'message_id', 'id_str'],
  url: ['url', 'link', 'permalink', 'tweet_url', 'post_url', 'enlace'],
  title: ['title', 'subject', 'headline', 'titulo'],
  lang: ['lang', 'language', 'idioma'],
  lat: ['lat', 'latitude', 'latitud', 'coordinates.latitude', 'geo.lat'],
  lon: ['lon', 'lng', 'long', 'longitude', 'longitud', 'coordinates.longitude', 'geo.lon'],
  replyTo: ['in_reply_to_status_id', 'in_reply_to_tweet_id', 'in_reply_to_id', 'inReplyToTweetId', 'reply_to', 'replyTo'],
  forwardedFrom: ['forwarded_from', 'forwardedFrom', 'retweeted_user', 'reblog_of'],
  media: ['media', 'media_url', 'media_urls', 'photos', 'images', 'image', 'video', 'attachments'],
  channel: ['channel', 'channel_name', 'canal'],
};

export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split('.')
    .map((part) => part.replace(/[^a-z0-9]/g, ''))
    .join('.');
}

export interface ColumnMapping {
  /** Field → the column (a CSV header, or a dotted path in JSON objects) that holds it. */
  readonly columns: ReadonlyMap<TableField, string>;
  readonly guessed: readonly TableField[];
  /** Map keys that are not fields, and mapped columns the table does not have. */
  readonly unknownFields: readonly string[];
  readonly missingColumns: readonly { field: TableField; column: string }[];
}

/**
 * The columns to read: the user's map first (a name, or a 1-based column number), then guesses
 * from the names for fields the map leaves out. A column serves one field only.
 */
export function resolveColumns(available: readonly string[], columnMap: Readonly<Record<string, string>> | undefined, strict: boolean): ColumnMapping {
  const columns = new Map<TableField, string>();
  const guessed: TableField[] = [];
  const unknownFields: string[] = [];
  const missingColumns: { field: TableField; column: string }[] = [];
  const byName = new Map<string, string>();
  for (const name of available) if (!byName.has(normaliseName(name))) byName.set(normaliseName(name), name);
  const taken = new Set<string>();

  for (const [key, column] of Object.entries(columnMap ?? {})) {
    const field = TABLE_FIELDS.find((f) => f.toLowerCase() === key.trim().toLowerCase());
    if (field === undefined) {
      unknownFields.push(key);
      continue;
    }
    const exact = available.includes(column) ? column : byName.get(normaliseName(column));
    const numbered = /^\d+$/.test(column) && Number(column) >= 1 && Number(column) <= available.length ? available[Number(column) - 1] : undefined;
    const found = exact ?? numbered ?? (strict ? undefined : column);
    if (found === undefined) {
      missingColumns.push({ field, column });
      continue;
    }
    columns.set(field, found);
    taken.add(found);
  }
  for (const field of TABLE_FIELDS) {
    if (columns.has(field) || missingColumns.some((m) => m.field === field)) continue;
    for (const guess of GUESSES[field]) {
      const found = byName.get(normaliseName(guess));
      if (found !== undefined && !taken.has(found)) {
        columns.set(field, found);
        taken.add(found);
        guessed.push(field);
        break;
      }
    }
  }
  return { columns, guessed, unknownFields, missingColumns };
}
