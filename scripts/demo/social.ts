/**
 * Posts on X about the night of the 18th, as the API v2 "search recent" endpoint returns them
 * with expansions (`data[]` + `includes.users/media/places/tweets` + `meta`): what a scraper or
 * an analyst's script saves. Every account is invented; ids are snowflakes that agree with the
 * post times; media URLs are under the reserved `.example` domain.
 */
import { unixSeconds, type LocalTime } from './clock.js';
import { CLAIM_TEXT, PLACES } from './story.js';

/** X's epoch for snowflake ids (2010-11-04T01:42:54.657Z). */
const TWITTER_EPOCH_MS = 1288834974657n;

function snowflake(local: LocalTime, sequence: number): string {
  const ms = BigInt(unixSeconds(local)) * 1000n;
  return (((ms - TWITTER_EPOCH_MS) << 22n) | BigInt(sequence)).toString();
}

/** Where `needle` stands in `text`, in code points, as API v2 entity offsets count. */
function span(text: string, needle: string): { start: number; end: number } {
  const at = text.indexOf(needle);
  if (at === -1) throw new Error(`"${needle}" is not in the post`);
  const start = Array.from(text.slice(0, at)).length;
  return { start, end: start + Array.from(needle).length };
}

function urlEntity(text: string, url: string, expanded: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...span(text, url), url, expanded_url: expanded, display_url: expanded.replace(/^https?:\/\//, '').slice(0, 24) + '…', ...extra };
}

function iso(local: LocalTime): string {
  return `${new Date(unixSeconds(local) * 1000).toISOString().slice(0, 19)}.000Z`;
}

interface Account {
  id: string;
  username: string;
  name: string;
  verified: boolean;
  protected: boolean;
  description: string;
  location?: string;
}

const ACCOUNTS = {
  monitor: { id: '1480000000000000001', username: 'LlanosMonitor', name: 'Llanos & Andes Monitor', verified: false, protected: false, description: 'OSINT on the Venezuela–Colombia border. Relaying local reports, verifying when we can. (SYNTHETIC demo account)' },
  reporter: { id: '1480000000000000002', username: 'frontera_reporta', name: 'Reportera de Frontera', verified: true, protected: false, description: 'Periodista independiente en Apure. (cuenta SINTÉTICA de demostración)', location: 'Guasdualito, Apure' },
  comando: { id: '1480000000000000003', username: 'COCLlano_Prensa', name: 'COC-Llano Prensa', verified: true, protected: false, description: 'Cuenta oficial de prensa (SINTÉTICA de demostración)' },
  vecino: { id: '1480000000000000004', username: 'ceibita_sarare', name: 'Desde La Ceibita', verified: false, protected: false, description: 'Noticias de mi caserío (cuenta SINTÉTICA de demostración)', location: 'La Ceibita del Sarare' },
  privada: { id: '1480000000000000005', username: 'x_privada_77', name: 'cuenta protegida', verified: false, protected: true, description: '' },
} as const satisfies Record<string, Account>;

const PLACE = {
  id: 'a1b2c3d4e5f60718',
  full_name: 'Guasdualito, Venezuela',
  name: 'Guasdualito',
  country: 'Venezuela',
  country_code: 'VE',
  place_type: 'city',
  geo: { type: 'Feature', bbox: [-70.77, 7.2, -70.69, 7.28], properties: {} },
};

export function xSearchResponse(): string {
  let sequence = 0;
  const tweet = (at: LocalTime, author: Account, text: string, extra: Record<string, unknown> = {}): Record<string, unknown> => {
    const id = snowflake(at, sequence++);
    return {
      id,
      text,
      created_at: iso(at),
      author_id: author.id,
      conversation_id: id,
      lang: /[áéíóúñ¿¡]|\b(el|la|que|de)\b/i.test(text) ? 'es' : 'en',
      edit_history_tweet_ids: [id],
      public_metrics: { retweet_count: 0, reply_count: 0, like_count: 0, quote_count: 0, bookmark_count: 0, impression_count: 0 },
      ...extra,
    };
  };

  const claimText = `${CLAIM_TEXT.slice(0, 220)}… https://t.co/cocllano01`;
  const claim = tweet('2026-09-18T06:31:10', ACCOUNTS.comando, claimText, {
    entities: { urls: [urlEntity(claimText, 'https://t.co/cocllano01', 'https://cocllano.example/comunicados/047-2026')] },
  });
  const firstText = 'Dos explosiones durísimas hace un momento por el lado de Caño Guaramacal, se fue la luz en toda La Ceibita 😰 #Apure #Guasdualito';
  const first = tweet('2026-09-18T02:16:40', ACCOUNTS.vecino, firstText, {
    geo: { place_id: PLACE.id, coordinates: { type: 'Point', coordinates: [PLACES.laCeibita.lon, PLACES.laCeibita.lat] } },
    entities: { hashtags: [{ ...span(firstText, '#Apure'), tag: 'Apure' }, { ...span(firstText, '#Guasdualito'), tag: 'Guasdualito' }] },
  });
  const photoText = 'Así se ve desde aquí. Humo hacia el caño https://t.co/ceibitaph1';
  const photo = tweet('2026-09-18T02:47:05', ACCOUNTS.vecino, photoText, {
    attachments: { media_keys: ['3_1836500000000000001'] },
    geo: { place_id: PLACE.id },
    in_reply_to_user_id: ACCOUNTS.vecino.id,
    referenced_tweets: [{ type: 'replied_to', id: first['id'] }],
    conversation_id: first['id'],
    entities: { urls: [urlEntity(photoText, 'https://t.co/ceibitaph1', 'https://x.example/ceibita_sarare/status/1/photo/1', { media_key: '3_1836500000000000001' })] },
  });
  const relay = tweet('2026-09-18T03:20:44', ACCOUNTS.monitor, 'UNCONFIRMED: residents of La Ceibita del Sarare (Apure, VE) report two loud blasts around 02:10 local and a power cut. No official word yet. Photo shared by a local account below; we are trying to geolocate it.', {
    referenced_tweets: [{ type: 'quoted', id: photo['id'] }],
  });
  const rumour = tweet('2026-09-18T03:33:12', ACCOUNTS.privada, 'dicen que fueron 30 muertos en el caño, pásenlo', {});
  const retweet = tweet('2026-09-18T06:40:00', ACCOUNTS.monitor, `RT @COCLlano_Prensa: ${String(claim['text']).slice(0, 110)}…`, {
    referenced_tweets: [{ type: 'retweeted', id: claim['id'] }],
  });
  const doubtText =
    'Hablé con tres familias de La Ceibita y Caño Guaramacal: escucharon dos explosiones a las 2:10 aprox. Ninguna ha visto cuerpos ni heridos. Dicen que el "campamento" estaba abandonado desde hace meses. La cifra de 12 no está verificada. https://t.co/frontera01';
  const doubt = tweet('2026-09-18T11:05:30', ACCOUNTS.reporter, doubtText, {
    referenced_tweets: [{ type: 'quoted', id: claim['id'] }],
    entities: { urls: [urlEntity(doubtText, 'https://t.co/frontera01', 'https://x.example/COCLlano_Prensa/status/1')] },
    note_tweet: {
      text: 'Hablé con tres familias de La Ceibita y Caño Guaramacal: escucharon dos explosiones a las 2:10 aprox. Ninguna ha visto cuerpos ni heridos. Dicen que el "campamento" estaba abandonado desde hace meses. La cifra de 12 no está verificada. Seguiremos reportando cuando haya acceso a la zona; por ahora la vía está cerrada por la crecida y por un punto de control.',
    },
  });

  // Newest first, as the search endpoint returns them.
  const data = [doubt, retweet, rumour, relay, photo, first].sort((a, b) => (String(b['id']) > String(a['id']) ? 1 : -1));
  const response = {
    data,
    includes: {
      users: Object.values(ACCOUNTS).map(({ description, ...user }) => ({ ...user, description })),
      media: [
        {
          media_key: '3_1836500000000000001',
          type: 'photo',
          url: 'https://pbs.x.example/media/ceibita-humo.jpg',
          width: 1024,
          height: 768,
          alt_text: 'Columna de humo de noche sobre la sabana',
        },
      ],
      places: [PLACE],
      tweets: [claim],
    },
    meta: { newest_id: data[0]?.['id'], oldest_id: data[data.length - 1]?.['id'], result_count: data.length },
    errors: [
      {
        value: '1836599999999999999',
        detail: 'Could not find tweet with ids: [1836599999999999999].',
        title: 'Not Found Error',
        resource_type: 'tweet',
        parameter: 'ids',
        resource_id: '1836599999999999999',
        type: 'https://api.twitter.com/2/problems/resource-not-found',
      },
    ],
  };
  return `${JSON.stringify(response, null, 2)}\n`;
}
