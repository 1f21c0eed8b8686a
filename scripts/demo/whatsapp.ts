/**
 * A family's WhatsApp group in El Amparo, exported from an Android phone set to Spanish with a
 * 12-hour clock ("Exportar chat" → "Incluir archivos"): `_chat` text plus media, zipped. The
 * people are invented and their numbers are not real ones (+58 412-000-00xx is not an assigned
 * range). This is where the "30 muertos" chain the residents' group talks about comes from,
 * and where a relative in La Ceibita shares the smoke photo, re-compressed as WhatsApp does.
 */
import type { DemoAssets, Picture } from './assets.js';
import { ALERTA_URGENTE } from './relayed.js';

export const WHATSAPP_CHAT_NAME = 'Familia Rangel 🏡';
/** Android names the text file after the chat, in the phone's language. */
export const WHATSAPP_TEXT_NAME = `Chat de WhatsApp con ${WHATSAPP_CHAT_NAME}.txt`;

interface Line {
  /** `dd/mm/yyyy`, as the phone writes it. */
  date: string;
  /** 24-hour `hh:mm`; written in the 12-hour form below. */
  time: string;
  /** A saved contact's name, a bare number, or null for a system line. */
  from: string | null;
  text: string;
}

export interface WhatsAppExport {
  /** The chat text, with the phone's marks and narrow spaces. */
  text: string;
  /** Media files named as WhatsApp names them, in the order they appear. */
  media: [name: string, bytes: Uint8Array][];
}

const NARROW_NBSP = '\u202f';
const NBSP = '\u00a0';

/** `2:11 a. m.` as Android writes it in Spanish: a narrow no-break space before the marker. */
function clock12(time: string): string {
  const [h = 0, m = 0] = time.split(':').map(Number);
  const marker = h < 12 ? `a.${NBSP}m.` : `p.${NBSP}m.`;
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${hour}:${String(m).padStart(2, '0')}${NARROW_NBSP}${marker}`;
}

function render(line: Line): string {
  const stamp = `${line.date}, ${clock12(line.time)} - `;
  return line.from === null ? `${stamp}${line.text}` : `${stamp}${line.from}: ${line.text}`;
}

export function familyWhatsApp(assets: DemoAssets, reencode: (picture: Picture, quality: number) => Picture): WhatsAppExport {
  const lines: Line[] = [];
  const media: [string, Uint8Array][] = [];
  const say = (date: string, time: string, from: string | null, text: string): void => {
    lines.push({ date, time, from, text });
  };
  const attach = (date: string, time: string, from: string, name: string, bytes: Uint8Array, caption = ''): void => {
    media.push([name, bytes]);
    say(date, time, from, `${name} (archivo adjunto)${caption === '' ? '' : `\n${caption}`}`);
  };

  // Contacts saved by the exporting phone show by name; the others show as bare numbers, which
  // the tool keeps only as pseudonyms.
  const tia = 'Tía Chela';
  const rafa = 'Rafa';
  const mama = 'Mamá';
  const primo = '+58 412-000-0071';
  const vecina = '+58 416-000-0093';
  const yo = 'Yorbelis';

  say('14/09/2026', '19:02', null, 'Los mensajes y las llamadas están cifrados de extremo a extremo. Solo las personas en este chat pueden leerlos, escucharlos o compartirlos. Toca para obtener más información.');
  say('14/09/2026', '19:02', null, `${tia} creó el grupo "${WHATSAPP_CHAT_NAME}"`);
  say('14/09/2026', '19:03', null, `${tia} te añadió`);
  say('14/09/2026', '19:05', tia, 'Hola familia, hice este grupo para estar pendientes con lo de la crecida del río ❤️');
  say('14/09/2026', '19:07', mama, 'Gracias Chela 🙏 aquí en El Amparo todo bien por ahora');
  say('15/09/2026', '07:40', rafa, 'Buenos días! En La Ceibita el agua llegó a la carretera, mañana no hay clases');
  say('15/09/2026', '12:15', primo, 'Alguien tiene el número del que vende gasolina en el Amparo?');
  say('15/09/2026', '12:20', tia, 'Ya te lo paso por privado mijo');
  say('16/09/2026', '20:31', mama, 'Se fue la luz otra vez 🙄');
  say('16/09/2026', '20:33', yo, '<Multimedia omitido>');
  say('16/09/2026', '20:35', vecina, 'Aquí en la bomba tampoco hay luz');
  say('17/09/2026', '08:12', rafa, 'Buenos días familia 🌅\nHoy sí llegó la lancha para los niños de la ribera.\nBendiciones');

  // The night of the 18th.
  say('18/09/2026', '02:13', rafa, 'Familia estamos bien!! sonó una explosión durísima por el lado del caño, se fue la luz');
  say('18/09/2026', '02:14', mama, 'Ay Dios mío Rafa qué fue eso?? aquí en el Amparo se escuchó también pero lejos');
  say('18/09/2026', '02:15', rafa, 'No sé, fueron dos. Todo el mundo está en la calle');
  say('18/09/2026', '02:16', tia, 'Cuídense mucho por favor 🙏🙏');
  say('18/09/2026', '02:27', vecina, ALERTA_URGENTE.replaceAll('**', '*'));
  attach('18/09/2026', '02:49', rafa, 'IMG-20260918-WA0003.jpg', reencode(assets.smokeOriginal, 60).jpeg, "Esto es lo que se ve desde la casa del vecino Wilmer, pa'l lado del caño");
  say('18/09/2026', '02:50', mama, 'Dios santo 😱');
  say('18/09/2026', '02:58', primo, '<Multimedia omitido>');
  say('18/09/2026', '03:01', primo, 'Se eliminó este mensaje');
  say('18/09/2026', '03:05', primo, '*URGENTE* dicen que en Caño Guaramacal hubo 30 muertos, que bombardearon un campamento. Pásenlo');
  say('18/09/2026', '03:07', rafa, 'Primo eso no es verdad, nadie sabe eso. No pasen cadenas');
  say('18/09/2026', '03:08', primo, 'Me lo mandaron de otro grupo, yo solo lo pasé <Se editó este mensaje.>');
  say('18/09/2026', '06:41', tia, 'El gobierno dice que fue un ataque con drones contra el FGRS y que murieron 12');
  say('18/09/2026', '06:44', rafa, 'Aquí nadie ha visto muertos. Dicen que allá no había nadie hace meses');
  say('18/09/2026', '06:50', mama, 'Lo importante es que ustedes están bien ❤️');
  attach('18/09/2026', '09:12', rafa, 'IMG-20260918-WA0011.jpg', reencode(assets.flood, 62).jpeg, 'Y el río sigue crecido 😔');
  say('18/09/2026', '09:30', yo, 'audio omitido');
  say('18/09/2026', '12:02', null, `${primo} salió del grupo`);
  say('19/09/2026', '07:45', tia, 'Buenos días familia, ¿cómo amanecieron? 🙏');
  say('19/09/2026', '07:52', rafa, 'Bien tía. Volvió la luz a las 5');

  // Android exports carry no marks at line starts (iOS ones do) and end with a newline.
  return { text: `${lines.map(render).join('\n')}\n`, media };
}
