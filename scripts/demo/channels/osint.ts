/**
 * An English-language aggregator that relays what local channels say, with hedging. It
 * re-uploads both the smoke photo and the recycled landfill picture on the night of the 18th.
 */
import { asPhoto, type DemoAssets } from '../assets.js';
import { at, daysBetween } from '../clock.js';
import type { Random } from '../random.js';
import { LinePool, during, reactionsFor, timesInDay, type HourWeights, type Line, type TimedLine } from '../schedule.js';
import { CHANNELS, STRIKE_DAY } from '../story.js';
import type { ChatSpec, Post } from '../telegram-export.js';

const AROUND_THE_CLOCK: HourWeights = [0.4, 0.3, 0.2, 0.2, 0.2, 0.3, 0.5, 0.8, 1, 1.2, 1.3, 1.3, 1.2, 1.2, 1.1, 1.1, 1.2, 1.3, 1.3, 1.2, 1, 0.9, 0.7, 0.5];
const REACTIONS = ['👍', '👀', '🤔', '🙏', '🔥'];

const LINES: (Line | TimedLine)[] = [
  during(undefined, '2026-09-14', '🇻🇪 Apure state: the Sarare river is reportedly above alert level near Guasdualito, per local channels. Families along the banks being moved to schools. #Venezuela #floods'),
  '🇻🇪 Fuel queues of several blocks reported again in Guasdualito and El Amparo (local channels). Subsidised petrol is sold by licence-plate number on set days.',
  '🇻🇪 Power rationing schedules announced for parts of Apure this week, according to local media. Four-hour blocks by sector.',
  '📌 Reminder on how we label posts: "reported" = one source; "confirmed" = independent sources agree; "claimed" = a party to the conflict says so. We do not repost graphic content.',
  '📚 Reading list this week: geolocating in flat terrain (the llanos problem), checking reverse-image hits against first-upload dates, and how to read a Telegram export.',
  '🇻🇪🇨🇴 Arauca river levels also high on the Colombian side; ferries between the two banks reportedly suspended for a day. #Arauca',
  '🇻🇪 Apure: local channels report a wave of motorbike thefts in Guasdualito. Nothing on it from authorities yet.',
  '🧵 Why we wait before sharing images from a breaking incident: in our experience a good share of the first "photos" of any night event are older pictures from elsewhere.',
  '🇻🇪 Apure: the government\'s regional command reports seizing diesel at checkpoints on the Troncal 5. Claims of this kind are frequent and rarely independently verifiable.',
  '🇻🇪 Dengue cases reportedly rising in Apure after weeks of rain (local health workers quoted by regional media).',
  '📌 If you send us material, tell us when and where you took it and whether you took it yourself. Forwards without context are hard to use.',
  '🇻🇪 Cash shortage: local channels in Apure say ATMs have had no bolívar notes for days; shops take dollars or mobile payments when the network works.',
  during('2026-09-09', undefined, '🇻🇪 FGRS channel posting its usual "normas de convivencia" notices for villages south of Guasdualito: curfews for shops, bans on drinking in public.'),
  '🗺️ Quick geography note: Guasdualito sits in Páez municipality, Apure, close to the Colombian border (Arauca river). The area south-east of the town is flat savanna with small villages along creeks ("caños").',
  '🇻🇪 Regional command says it dismantled a clandestine airstrip in Páez municipality. Unverified; no imagery released.',
  '🇻🇪 Mobile network outages reported across Guasdualito today (local channels). Expect slower reporting from the area.',
  '📌 Corrections policy: we correct in a new post and link the original. We never silently edit numbers.',
  '🇻🇪 Apure cattle ranchers say flooding is forcing them to move herds to higher ground, per local outlets.',
  '👀 Monitoring: several Apure channels unusually quiet tonight because of power cuts.',
  '📚 Method note: a photo\'s own file tells you little after Telegram recompresses it — EXIF is stripped. First-seen date across channels matters more.',
  '🇻🇪 Festival season in the llanos: fireworks at village patron-saint festivities are often misreported as gunfire or blasts. Caution with night "explosion" reports.',
  '🇻🇪 Local media: drivers block the road near Guasdualito protesting diesel shortages.',
  '🇻🇪 Nothing significant from Apure today beyond weather and services. We\'ll keep watching.',
  '📌 We are a volunteer project. We make mistakes; tell us when you find one.',
  '🇻🇪 Authorities in Apure announce a vaccination drive in Guasdualito this weekend (measles, yellow fever).',
  '🇻🇪 Apure: reports of a fire at a house in Guasdualito, no injuries (local channels).',
  during('2026-09-16', undefined, '🇻🇪 River levels on the Sarare reportedly starting to fall, civil protection says. Families not yet back home.'),
  '🇻🇪 Apure: local channels report ATMs in Guasdualito empty again; small trade runs on cash dollars and mobile payments.',
  '📌 Time zones matter: Venezuela is UTC−4 all year. Posts from the region usually give local times without a zone.',
  '🇻🇪 The regional command reports a "comprehensive care day" in Guasdualito (medical consultations, vaccination). Routine government messaging.',
  '🇻🇪 Apure: the road to El Nula reportedly damaged by a sinkhole at km 22 (local media).',
  '🗺️ Villages south-east of Guasdualito are small and often missing or misplaced in public gazetteers. We geolocate against imagery, not names alone.',
  '🇻🇪 Local channels in Guasdualito report gunfire in a neighbourhood overnight, attributed by residents to criminal gangs. No casualties reported.',
  '🇻🇪 Apure farmers report rice and maize fields under water; concern for the October harvest.',
  '🧵 Channel activity is a weak signal: channels go quiet for many reasons (power cuts, bans, operational security). Silence alone proves nothing.',
  '🇻🇪 Dengue fumigation campaigns in Guasdualito this week, local health authorities say.',
  '🇻🇪 Mototaxi drivers protest fuel prices outside the town hall in Guasdualito (local channels).',
  '📚 Tip: when a local channel says "nos envían" ("sent to us"), it did not take the photo itself. Ask who did.',
  during('2026-09-10', undefined, '🇻🇪 The FGRS channel posts another set of "normas de convivencia" for villages in southern Páez, including a night curfew for shops.'),
];

export function osintChannel(random: Random, assets: DemoAssets): ChatSpec {
  const pool = new LinePool(random.fork('osint-lines'), LINES);
  const rhythm = random.fork('osint-times');
  const posts: Post[] = [];
  for (const day of daysBetween('2026-09-08', '2026-09-22')) {
    const count = day === STRIKE_DAY ? 0 : rhythm.int(2, 3);
    for (const time of timesInDay(rhythm, day, count, AROUND_THE_CLOCK, 6, 23)) {
      posts.push({ at: time, text: pool.draw({ day, at: time }), reactions: reactionsFor(rhythm, REACTIONS, 12) });
    }
  }
  const d = (hh: number, mm: number, ss: number): string => at(STRIKE_DAY, hh, mm, ss);
  posts.push(
    { at: at('2026-09-08', 20, 41, 7), text: '🇻🇪 The FGRS (Frente Guerrillero Río Sarare) opened a new Telegram channel on Sept 8 after its previous one was removed, by its own account. We don\'t amplify its propaganda; we track it for context.', reactions: [{ emoji: '👀', count: 31 }] },
    {
      at: at('2026-09-14', 20, 16, 42),
      text: '🇻🇪 School year 2026-27 started today in Apure with low attendance in rural schools because of flooding and lack of transport, local outlets say.',
    },
    {
      at: at('2026-09-15', 19, 2, 9),
      text: '🇻🇪 Bus accident on the Troncal 5 towards Barinas (far from Guasdualito): 8 injured, per regional media. Wet road cited. Not conflict-related.',
      reactions: [{ emoji: '🙏', count: 14 }],
    },
    {
      at: d(3, 40, 52),
      text: '⚠️ **#Venezuela** 🇻🇪 Apure: local channels report loud explosions around 02:10–02:15 local time (06:10 UTC) in rural areas SE of Guasdualito (La Ceibita del Sarare, Los Araguaneyes). Power out in several villages. Cause unknown. Unconfirmed.',
      reactions: [{ emoji: '👀', count: 64 }],
    },
    {
      at: d(4, 12, 30),
      text: '📷 Photo reportedly taken by a resident around 02:40 showing a smoke column lit from below, shared by local community channels. We have not verified where it was taken. #Apure',
      photo: asPhoto(assets.smokeAggregatorCopy),
      reactions: [{ emoji: '👀', count: 88 }, { emoji: '🤔', count: 12 }],
    },
    {
      at: d(4, 25, 3),
      text: '📷 Another image circulating on local channels purportedly shows a fire at the site. Unverified, treat with caution. #Apure',
      photo: asPhoto(assets.landfillAggregatorCopy),
      reactions: [{ emoji: '👀', count: 70 }],
    },
    {
      at: d(6, 48, 11),
      text: '🇻🇪 The "Comando de Operaciones Conjuntas del Llano" claims a precision drone strike at 02:10 on a camp of the FGRS in Caño Guaramacal, ~12 km SE of Guasdualito, killing 12 members incl. its leader, according to the command\'s statement. Not independently verified.',
      reactions: [{ emoji: '👀', count: 140 }, { emoji: '🤔', count: 45 }],
    },
    {
      at: d(7, 31, 26),
      text: 'The command also posted a video it says shows the strike (we have not been able to review the full file). The claimed time matches the explosions residents reported, but the casualty figure comes only from the command.',
    },
    {
      at: d(10, 4, 17),
      text: '🧵 **What we know so far (10:00 local)**\n1. Explosions SE of Guasdualito ~02:10–02:15: reported independently by residents of at least two villages.\n2. Government command claims a drone strike on an FGRS camp and 12 killed: claim only.\n3. A "30 dead" figure on WhatsApp: rumour, no source.\n4. No comment from the FGRS so far.',
      reactions: [{ emoji: '👍', count: 210 }],
    },
    {
      at: d(13, 22, 40),
      text: 'Regional outlet Cuaderno de Frontera spoke to residents in La Ceibita and Caño Guaramacal: blasts confirmed around 02:15, casualties unverified, a rural clinic treated 3 people with light injuries. [Report (ES)](https://cuadernodefrontera.example/2026/09/18/explosiones-madrugada-sur-paez/)',
      reactions: [{ emoji: '👍', count: 120 }],
    },
    {
      at: d(16, 10, 4),
      text: 'Another local outlet, La Sabana Digital, quotes residents saying the camp had been abandoned for months and the blasts hit an empty area; nobody they spoke to saw bodies. Contradicts the official account. [Link (ES)](https://lasabana.example/2026/09/18/habitantes-campamento-abandonado/)',
      reactions: [{ emoji: '🤔', count: 98 }],
    },
    {
      at: at('2026-09-19', 9, 2, 55),
      text: 'Day after the Guasdualito blasts: the command published a "balance" repeating 12 killed and listing seized rifles. Still no names, no images of the site, no independent access. FGRS has not commented.',
      reactions: [{ emoji: '👀', count: 77 }],
    },
    {
      at: at('2026-09-21', 16, 20, 18),
      text: 'The FGRS has issued a communiqué reportedly denying the losses claimed by the government and saying the bombs fell on "empty savanna". It offers no evidence either. #Venezuela #Apure',
      reactions: [{ emoji: '👀', count: 95 }],
    },
  );
  return { name: CHANNELS.osint.name, type: 'public_channel', id: CHANNELS.osint.bareId, firstMessageId: 2290, posts };
}
