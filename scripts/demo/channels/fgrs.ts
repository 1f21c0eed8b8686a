/**
 * The armed organisation's own public channel: a new channel opened on 8 September, posting
 * every day with a clear rhythm (greeting, communiqués, notices, a late-night watchword) until
 * 00:52 on 18 September; then nothing until a vague denial on the afternoon of the 21st.
 */
import { asPhoto, type DemoAssets } from '../assets.js';
import { at, daysBetween, spanishDate } from '../clock.js';
import type { Random } from '../random.js';
import { LinePool, during, reactionsFor, timesInDay, type HourWeights, type Line, type TimedLine } from '../schedule.js';
import { FGRS_DENIAL } from '../relayed.js';
import { CHANNELS, peer } from '../story.js';
import type { ChatSpec, Post } from '../telegram-export.js';

/** Daytime activity; the greeting and the watchword are placed on their own. */
const DAYTIME: HourWeights = [0, 0, 0, 0, 0, 0, 0, 0.4, 0.6, 0.5, 0.5, 0.6, 0.8, 0.6, 0.5, 0.6, 0.9, 1.3, 1.9, 2.3, 2.4, 2.1, 1.2, 0];
const REACTIONS = ['✊', '🔥', '💪', '🌾', '❤️'];
const CASERIOS = ['La Ceibita del Sarare', 'Caño Guaramacal', 'Los Araguaneyes', 'Mata de Guafa', 'El Totumito', 'Caño Rico'];

const GREETING_OPEN = ['Buenos días, pueblo llanero', '¡Buenos días, Sarare!', 'Buenos días compañeros y compañeras', 'Buen día, llaneros', 'Arriba el llano, buenos días'];
const GREETING_BODY = [
  'Otro día de lucha y de trabajo.',
  'El sol sale para todos, no solo para los que mandan.',
  'A ordeñar temprano y con la frente en alto.',
  'Que no nos gane el miedo ni la mentira.',
  'Cuidemos a nuestros niños y a nuestros viejos.',
  'El llano amanece despierto.',
  'Que la lluvia traiga pasto y no tristeza.',
];
const GREETING_CLOSE = ['💪🌾', '🌅✊', '🐂🌾', '🇻🇪✊', '🌄'];

const WATCHWORD = [
  'Buenas noches, compañeros. Vigilancia y disciplina. 🌙',
  'Consigna de la noche: el que cuida al pueblo no duerme. 🌙✊',
  'Buenas noches, llano. Mañana seguimos. 🌙',
  'A descansar con un ojo abierto. Buenas noches, Sarare. 🌙',
  'Consigna: unidad, disciplina y silencio. Buenas noches. ✊',
  'Buenas noches pueblo llanero, que Dios y la Virgen los cuiden. 🙏🌙',
  'La noche es larga pero el llano es más grande. Buenas noches. 🌙',
  'Consigna de hoy: ni un paso atrás. Buenas noches, compañeros. ✊🌙',
  'Buenas noches. Apaguen el celular y cuiden la casa. 🌙',
  'Se cierra la jornada. Vigilancia, compañeros. 🌙🔥',
];

/** Communiqués are numbered in the order they go out. */
class CommuniqueNumbers {
  private last = 30;

  next(): string {
    this.last += 1;
    return `**COMUNICADO N.º ${String(this.last).padStart(3, '0')}-2026**`;
  }
}

const daytimeLines = (numbers: CommuniqueNumbers): (Line | TimedLine)[] => [
  () => `${numbers.next()}\nA la opinión pública: denunciamos los atropellos cometidos en las alcabalas de la Troncal 5 contra campesinos y comerciantes. Al pueblo no se le quita lo poco que tiene. #FGRS`,
  () => `${numbers.next()}\nInformamos a las comunidades del sur de Páez que nuestras unidades se mantienen en sus zonas y no se retirarán por amenazas del régimen. #ElLlanoNoSeRinde`,
  () => `${numbers.next()}\nRechazamos la presencia de fuerzas extranjeras y de mercenarios en el llano venezolano. La soberanía no se negocia. #FGRS`,
  () => `${numbers.next()}\nHacemos un llamado a los jóvenes de Guasdualito a no dejarse engañar con promesas. El futuro del llano se construye con dignidad. #FGRS`,
  () => `${numbers.next()}\nAnte la crecida del Sarare, nuestras unidades apoyan el traslado de familias y animales a tierras altas. Solidaridad llanera. #FGRS`,
  () => `${numbers.next()}\nDenunciamos el cobro ilegal de la gasolina en las bombas de Guasdualito. Mientras el pueblo hace cola, los enchufados llenan pipotes. #FGRS`,
  () => `${numbers.next()}\nA nuestros compañeros caídos: no los olvidamos. Su ejemplo sigue en cada caño y en cada sabana. #FGRS`,
  ({ random }) => `📢 **AVISO** a la comunidad de ${random.pick(CASERIOS)}: a partir de hoy las bodegas cierran a las 10 de la noche. Se prohíbe vender licor a menores. Quien incumpla será sancionado. #NormasDeConvivencia`,
  ({ random }) => `📢 **AVISO**: se les recuerda a los dueños de fincas de ${random.pick(CASERIOS)} que el robo de ganado no será tolerado. Los abigeos serán sancionados ante la comunidad. #NormasDeConvivencia`,
  ({ random }) => `📢 **AVISO** a la comunidad de ${random.pick(CASERIOS)}: prohibido el consumo de drogas en la vía pública y en las canchas. Los padres son responsables de sus hijos. #NormasDeConvivencia`,
  () => `📢 **AVISO**: ninguna persona está autorizada a cobrar a nombre del FGRS. Si alguien lo hace, denúncielo con nuestros compañeros en la zona. #FGRS`,
  () => `📢 **AVISO**: las peleas de gallos y los juegos de envite en los caseríos deben terminar antes de la medianoche. #NormasDeConvivencia`,
  () => '📢 **AVISO** a transportistas: en la vía de tierra hacia el caño no se permite circular después de las 9 p. m. sin luces. Cuidemos la vida. #NormasDeConvivencia',
  () => 'El régimen deja al llano sin luz y sin gasolina y después viene a hablar de paz. La paz empieza por la dignidad. ✊ #FGRS',
  () => 'Otro apagón en Guasdualito. Seis horas sin luz, la carne dañada, los niños sin dormir. ¿Y los responsables? En Caracas con aire acondicionado. #FGRS',
  during('2026-09-14', '2026-09-16', () => 'Arranca el año escolar y las escuelas rurales siguen sin pupitres y sin maestros. Nuestro saludo a los docentes que resisten. 📚✊ #FGRS'),
  () => 'El llano es de quien lo trabaja. 🌾✊ #ElLlanoNoSeRinde',
  () => 'Ni la lluvia ni las balas nos sacan de nuestra tierra. #ElLlanoNoSeRinde',
  () => 'Saludamos a las mujeres llaneras que sostienen la casa, el conuco y la esperanza. 🌻 #FGRS',
  () => 'No crean en los canales falsos que usan nuestro nombre. Este es el único canal oficial del FGRS. 👉 @fgrs_informa',
  () => 'Recordamos a la población: no compartan fotos de nuestros compañeros ni de sus ubicaciones. La seguridad es de todos. #FGRS',
  () => 'Hoy nuestras unidades repartieron medicinas donadas en dos caseríos del sur. El régimen promete, el pueblo resuelve. 💊 #FGRS',
  () => 'Las alcabalas se llenan de uniformes pero los malandros siguen robando motos en Guasdualito. ¿Quién cuida a quién? #FGRS',
  () => 'Cuando el río crece, el llanero no se queja: se organiza. 🌊🐂 #ElLlanoNoSeRinde',
  () => 'Nuestra lucha no es contra el pueblo uniformado, es contra los que mandan desde lejos. #FGRS',
  () => 'Saludamos a los productores que a pesar de todo sacaron la leche y el queso esta semana. 🧀🐄 #FGRS',
  () => 'Mensaje a los comerciantes: nadie les puede exigir pagos. Cualquier abuso, denúncienlo. #NormasDeConvivencia',
  () => 'La mentira del régimen dura lo que dura un apagón. #FGRS',
  () => 'Escuchen nuestro programa radial los domingos en la tarde. Frecuencia por confirmar en cada zona. 📻 #FGRS',
  () => 'Se cumplen años de la fundación de nuestro frente. Memoria, dignidad y lucha. ✊🔥 #FGRS',
  () => 'Con hambre no se aprende: exigimos el comedor escolar en todas las escuelas del municipio Páez. #FGRS',
  () => 'A los que nos llaman terroristas: terrorismo es dejar al pueblo sin comida y sin medicinas. #FGRS',
  () => 'Denunciamos sobrevuelos de drones en la zona sur del municipio Páez. El pueblo tiene derecho a vivir sin miedo. #FGRS',
  () => 'El llanero comparte lo que tiene: café, casabe y palabra. Buenas tardes a todos. ☕',
  () => 'Nuestras unidades ayudaron a sacar un camión de leche atascado en el barrial de la vía al caño. Así somos. 🚛💪 #FGRS',
  () => 'Atención: circulan audios falsos a nombre del FGRS pidiendo dinero. No caigan. #FGRS',
  () => 'El coleo, el joropo y el trabajo: eso es el llano. Feliz fin de semana. 🐂🎶',
  () => 'La verdadera seguridad la dan la escuela, el trabajo y la comida en la mesa. #FGRS',
  () => 'Hoy se cumplen tres semanas de lluvias sin descanso. Fuerza a las familias de la ribera. 🌧️ #FGRS',
  () => 'El régimen anuncia operativos, el pueblo anuncia hambre. #FGRS',
  () => 'Nuestra palabra vale más que sus comunicados. ✊ #ElLlanoNoSeRinde',
  () => 'A los compañeros en las zonas: mantener la disciplina y el respeto a la población civil. Es una orden. #FGRS',
  () => 'Recordatorio: el canal solo publica comunicados verificados por la dirección del frente. #FGRS',
  () => 'Mientras ellos mandan drones, nosotros mandamos cuadernos a la escuela de Caño Rico. 📚 #FGRS',
  () => 'La sabana no tiene dueño extranjero. #ElLlanoNoSeRinde 🌾',
  () => 'Saludo a los motorizados que llevan y traen a nuestros niños a la escuela por esos caminos de barro. 🏍️',
  () => 'El que vende a su pueblo no tiene perdón en el llano. #FGRS',
  () => 'Nos escriben de varios caseríos por la falta de gas. Exigimos que las bombonas lleguen al campo, no solo a la ciudad. #FGRS',
  () => 'Hoy nuestras unidades limpiaron el paso del caño para que pasen las lanchas con la comida. 🛶 #FGRS',
  () => 'Feliz cumpleaños a todos los compañeros que cumplen años este mes. El llano los abraza. 🎂',
];

export function fgrsChannel(random: Random, assets: DemoAssets): ChatSpec {
  const self = peer('fgrs');
  const numbers = new CommuniqueNumbers();
  const pool = new LinePool(random.fork('fgrs-lines'), daytimeLines(numbers));
  const rhythm = random.fork('fgrs-times');
  const greetings = random.fork('fgrs-greetings');
  const watchwords = new LinePool(random.fork('fgrs-watchwords'), WATCHWORD);
  const posts: Post[] = [
    { at: at('2026-09-08', 9, 0, 4), text: '', service: { action: 'create_channel', title: CHANNELS.fgrs.name, actor: self } },
    {
      at: at('2026-09-08', 9, 3, 41),
      text: '**Compañeros y compañeras:** este es nuestro nuevo canal oficial. El anterior fue censurado por Telegram a pedido del régimen. Compartan y únanse 👉 @fgrs_informa\n\n#FGRS #ElLlanoNoSeRinde',
      reactions: [{ emoji: '✊', count: 86 }, { emoji: '🔥', count: 31 }],
    },
    {
      at: at('2026-09-08', 9, 12, 9),
      text: '**Frente Guerrillero Río Sarare** — resistencia llanera desde el Sarare hasta el Arauca. ✊🌾',
      photo: asPhoto(assets.bannerResistance),
      reactions: [{ emoji: '✊', count: 112 }, { emoji: '❤️', count: 40 }],
    },
    {
      at: at('2026-09-13', 19, 47, 22),
      text: 'El llano no se rinde. Ni con lluvia, ni con hambre, ni con drones. #ElLlanoNoSeRinde',
      photo: asPhoto(assets.bannerLlano),
      reactions: [{ emoji: '🔥', count: 95 }, { emoji: '✊', count: 60 }],
    },
  ];
  for (const day of daysBetween('2026-09-08', '2026-09-17')) {
    if (day !== '2026-09-08') {
      const time = at(day, greetings.int(5, 7), greetings.int(0, 59), greetings.int(0, 59));
      const text = `${greetings.pick(GREETING_OPEN)}. Hoy ${spanishDate(time)}. ${greetings.pick(GREETING_BODY)} ${greetings.pick(GREETING_CLOSE)}`;
      posts.push({ at: time, text, reactions: reactionsFor(rhythm, REACTIONS, 30) });
    }
    const count = day === '2026-09-08' ? 2 : rhythm.int(4, 5);
    for (const time of timesInDay(rhythm, day, count, DAYTIME, day === '2026-09-08' ? 12 : 7, 22)) {
      posts.push({ at: time, text: pool.draw({ day, at: time }), reactions: reactionsFor(rhythm, REACTIONS, 35) });
    }
    // The watchword goes out late, often after midnight; the 17th's is the channel's last post.
    const late = day === '2026-09-17' ? at('2026-09-18', 0, 52, 17) : rhythm.chance(0.4) ? at(nextDay(day), 0, rhythm.int(5, 45), rhythm.int(0, 59)) : at(day, 23, rhythm.int(0, 58), rhythm.int(0, 59));
    const watchword: Post = { at: late, text: watchwords.draw({ day, at: late }), reactions: reactionsFor(rhythm, REACTIONS, 25) };
    posts.push(day === '2026-09-17' ? { ...watchword, key: 'last-before-silence' } : watchword);
  }
  posts.push(
    {
      key: 'denial',
      at: at('2026-09-21', 15, 40, 26),
      text: FGRS_DENIAL,
      reactions: [{ emoji: '✊', count: 230 }, { emoji: '🔥', count: 88 }, { emoji: '🤡', count: 64 }],
    },
    {
      at: at('2026-09-21', 19, 12, 5),
      text: 'Agradecemos los mensajes de apoyo de las comunidades del sur. Estamos donde siempre. ✊🌾',
      reactions: [{ emoji: '❤️', count: 74 }],
    },
    { at: at('2026-09-21', 22, 48, 51), text: 'Buenas noches, llano. Volvimos. 🌙✊', reactions: [{ emoji: '✊', count: 58 }] },
    {
      at: at('2026-09-22', 19, 36, 10),
      text: 'No respondemos a las provocaciones de los canales del régimen. Cada quien sabe lo que vio esa noche. #ElLlanoNoSeRinde',
      reactions: [{ emoji: '🔥', count: 41 }],
    },
  );
  return { name: CHANNELS.fgrs.name, type: 'public_channel', id: CHANNELS.fgrs.bareId, firstMessageId: 1, posts };
}

function nextDay(day: string): string {
  return daysBetween(day, '2026-12-31')[1] ?? day;
}
