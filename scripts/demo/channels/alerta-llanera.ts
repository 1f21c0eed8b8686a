/**
 * A community alert channel run by volunteers: a morning services report, residents' alerts
 * all day and into the night. On the 18th it is the first to report the blasts, re-uploads the
 * resident's smoke photo, and also passes on a recycled landfill picture and a rumour.
 */
import { asPhoto, type DemoAssets } from '../assets.js';
import { at, daysBetween, spanishDate } from '../clock.js';
import type { Random } from '../random.js';
import { APURE_FLOOD_POST, ALERTA_LANDFILL_CAPTION, ALERTA_RUMOUR_30, ALERTA_SMOKE_CAPTION, ALERTA_URGENTE } from '../relayed.js';
import { LinePool, during, reactionsFor, repeated, timesInDay, type HourWeights, type Line, type TimedLine } from '../schedule.js';
import { CHANNELS, peer, STRIKE_DAY } from '../story.js';
import type { ChatSpec, Post } from '../telegram-export.js';

const LATE_DAY: HourWeights = [0.3, 0.2, 0.1, 0, 0, 0, 0.3, 1, 1.4, 1.2, 1, 1, 1.2, 1, 1, 1.1, 1.3, 1.6, 2, 2.2, 2, 1.6, 1, 0.6];
const REACTIONS = ['😢', '😡', '🙏', '😮', '👍', '😂', '🥵'];

const SECTORS = ['La Granja', 'Los Próceres', 'El Paraíso', '5 de Julio', 'Las Flores', 'El Carmen', 'Los Mangos', 'Simón Rodríguez', 'el centro', 'la calle Páez'];
const CASERIOS = ['La Ceibita del Sarare', 'Los Araguaneyes', 'Caño Hondo', 'Mata de Guafa', 'El Totumito'];
const DOGS = ['Canelo', 'Toby', 'Negrito', 'Princesa', 'Rocky', 'Manchas'];

const time12 = (random: Random): string => `${random.int(1, 11)}:${random.pick(['00', '10', '20', '30', '40', '50'])} ${random.pick(['am', 'pm'])}`;

const ALERTS: (Line | TimedLine)[] = [
  ...repeated(4, ({ random }) => `⚡ Se fue la luz en ${random.pick(SECTORS)} ${random.pick(['hace un rato', 'desde las ' + time12(random), 'otra vez', 'de nuevo 🙄'])}. ¿A alguien más? #SinLuz`),
  ...repeated(3, ({ random }) => `⚡ Volvió la luz en ${random.pick(SECTORS)} después de ${random.int(3, 9)} horas 🙌 Aprovechen de cargar los teléfonos.`),
  ...repeated(3, ({ random }) => `⛽ Reportan que en la bomba de ${random.pick(['la entrada', 'la avenida', 'la salida a El Amparo'])} están despachando ${random.pick(['gasolina', 'gasoil', 'gasolina por placa'])}. Cola larguísima, vayan con paciencia 🥵`),
  ...repeated(2, ({ random }) => `🏍️ OJO: roban motos en ${random.pick(SECTORS)}. Dos tipos en una moto ${random.pick(['negra', 'roja', 'azul'])} sin placa. Pilas mi gente. #Seguridad`),
  ...repeated(2, ({ random }) => `🐕 Se perdió perrito mestizo color ${random.pick(['caramelo', 'negro', 'blanco con manchas'])} en ${random.pick(SECTORS)}, responde al nombre de ${random.pick(DOGS)}. Si lo ven escríbanle al admin 🙏`),
  '🐄 Atención productores: se escaparon 4 novillos por la vía a El Amparo, tienen la marca en la pierna izquierda. Cualquier información al admin.',
  ({ random }) => `💧 Sin agua en ${random.pick(SECTORS)} desde el ${random.pick(['lunes', 'martes', 'fin de semana'])}. ¿Hidrológica qué pasó? 😡`,
  '🌧️ Palo de agua en Guasdualito ahorita mismo ⛈️ Cuidado con las calles inundadas, hay huecos tapados.',
  during(undefined, '2026-09-14', '🌊 El Sarare sigue creciendo, ya llegó a la cerca de la escuela en la ribera. Los vecinos están sacando sus cosas. Fuerza 🙏'),
  '🚧 Tranca en la vía a El Amparo por un camión volteado. Busquen otra ruta, eso va pa largo.',
  '🚨 Alcabala en la entrada de Guasdualito revisando todo, lleven sus papeles en regla.',
  '💵 ¿Alguien sabe dónde hay efectivo? Los cajeros del centro están pelados.',
  ({ random }) => `🛒 En el mercado el kilo de queso llanero a ${random.int(6, 8)} dólares, qué arrecho 😤`,
  '📢 Operativo de cedulación mañana en la plaza Bolívar de 8 a 12. Lleven fotocopia de la partida de nacimiento.',
  '⚽ ¿Quién vio el partido anoche? Burda de golazo el del segundo tiempo, vale 🔥',
  '⚾ Arrancan los entrenamientos de la escuelita de béisbol los sábados en el estadio. Inscripciones con el señor del quiosco.',
  during('2026-09-14', undefined, '🏫 Mañana no hay clases en la escuela de Caño Hondo porque no hay agua. Avisen a los representantes.'),
  '🙏 Cadena de oración por la salud de la señora Carmen de la calle Páez, que está hospitalizada. Dios es grande.',
  ({ random }) => `🔥 Están quemando monte detrás de ${random.pick(SECTORS)}, el humo está bravo. Cierren las ventanas.`,
  '📶 Sin señal de Movilnet desde la mañana en toda la zona. ¿Les pasa igual?',
  ({ random }) => `🍗 El pollo a ${random.int(3, 4)},5 dólares el kilo en la carnicería de ${random.pick(SECTORS)}, más barato que en el mercado.`,
  '🎉 Este sábado hay bailanta en la manga de coleo, entrada 2 dólares. ¡Pendientes!',
  '🚑 Necesitan donantes de sangre O+ en el hospital para un muchacho que se accidentó en moto. Pasen por el banco de sangre.',
  ({ random }) => `🦟 Fumigación en ${random.pick(SECTORS)} mañana temprano, saquen los animalitos.`,
  ({ random }) => `🌩️ Cayó un rayo cerca de la cancha de ${random.pick(SECTORS)}. ¡Qué susto! Retumbó todo 😱`,
  '💥 Explotó el transformador de la esquina del mercado, se escuchó durísimo y se fue la luz en todo el centro. Corpoelec ya fue avisada.',
  ({ random }) => `🎆 Tranquilos, los cohetes que se escuchan son por las fiestas patronales en ${random.pick(CASERIOS)}. No es nada malo.`,
  ({ random }) => `👮 Malandros se metieron anoche a una casa en ${random.pick(SECTORS)} y se llevaron la bombona y un televisor. Pilas con las rejas.`,
  during('2026-09-14', '2026-09-16', '🧑‍🏫 Saludos a los maestros que arrancaron el año escolar con las uñas 👏 Ustedes son los verdaderos héroes.'),
  '🚌 Ya no hay buses para San Cristóbal después de las 2 de la tarde. Tomen previsión.',
  ({ random }) => `🐍 Cuidado: vieron una mapanare en el monte al lado de la escuela de ${random.pick(CASERIOS)}. Ojo con los niños.`,
  '⛽ Están vendiendo la gasolina en pipotes a 2 dólares el litro en la vía. Eso es un robo, chamo.',
  ({ random }) => `📦 Llegó el CLAP a ${random.pick(SECTORS)}, pasen con su carnet antes de las 12.`,
  '🌡️ Qué calor tan arrecho hoy, 34 grados a la sombra 🥵 Tomen agua.',
  '📣 Buscamos corresponsales en los caseríos del sur para reportar la situación de las vías y del río. Escríbannos por privado.',
  '✅ Apareció el perrito perdido, gracias a todos por compartir 🐶❤️',
  '🛑 Por favor no boten basura en el caño, después se tapa y se inunda todo el barrio.',
  '🏍️ Accidente de moto en la avenida principal. El muchacho está bien gracias a Dios, solo raspones. Manejen con cuidado que el piso está mojado.',
  '🎂 Feliz cumpleaños a la señora de la arepera de la esquina de la plaza, la que nos fía a todos 😂🎂',
  '🐟 Llegó el bagre fresco al mercado, a 5 dólares el kilo. Tempranito que se acaba.',
  '🚨 Cuidado con los estafadores que llaman diciendo que uno se ganó una moto. Es mentira, no den datos.',
  '⚡ ¿Alguien sabe hasta cuándo es el racionamiento? Ya uno no aguanta esto 😩',
  '🧀 Se vende queso llanero y suero en el sector Los Mangos, escriban al privado del admin.',
  '🚜 Una gandola se quedó atascada en el barro en la vía al caño, los muchachos del caserío la están ayudando a salir.',
  during('2026-09-14', undefined, '🛶 Ya están pasando las lanchas para llevar a los niños a la escuela en la ribera. Con chaleco, por favor.'),
  '🥭 Temporada de mango, regalan mangos en la esquina de la escuela 😂🥭',
  '💉 Vacunación para niños este viernes en el ambulatorio. Lleven la tarjeta.',
  '😂 El que dijo que en Guasdualito no pasaba nada no conoce la cola de la bomba un lunes.',
  ({ random }) => `🧯 Se quemó un poste en la esquina de ${random.pick(SECTORS)}, saltaban chispas. Ya llamaron a Corpoelec.`,
  '🚗 Choque leve en la avenida principal, no hay heridos pero hay una cola tremenda.',
  ({ random }) => `💧 Llegó el agua a ${random.pick(SECTORS)} 🙌 llenen todo lo que puedan.`,
  '🧒 Se perdió un niño de 9 años en el mercado... ¡ya apareció gracias a Dios! ✅ Estaba en el puesto de los juguetes.',
  '🌧️ Está cayendo un aguacero con brisa fuerte, amarren bien las láminas de zinc.',
  '📢 Se busca muchacha para trabajar en una panadería del centro, escribir al admin.',
  '🐄 Vaca suelta en plena avenida Miranda 😂 solo en Guasdualito.',
  '🎶 Hoy hay parranda llanera en la plaza, con arpa, cuatro y maracas 🎶',
  '⚠️ Hueco gigante en la calle Páez frente a la panadería, ya se cayeron dos motos. Ojo.',
  '🚌 El bus de El Amparo salió con retraso por falta de gasoil.',
  '📶 Volvió la señal de Digitel en el centro. En los caseríos todavía nada.',
  ({ random }) => `🛒 Hay harina en el abasto de la esquina de ${random.pick(SECTORS)}, a 1,5 el paquete.`,
  '🥵 Sin luz y con este calor nadie duerme. Paciencia mi gente.',
  '🧑‍🌾 Se necesitan obreros para recoger maíz en una finca por la vía al caño, pagan por día.',
  '🙏 Un minuto de oración por las familias de la ribera que lo perdieron todo con la crecida.',
  ({ random }) => `🐶 Regalan cachorritos en ${random.pick(SECTORS)}, escríbanle al admin 🐶`,
  '🔌 Cuidado con los bajones, desconecten la nevera y el televisor cuando vuelva la luz.',
  '🏍️ Se prendió la discusión en la cola de la bomba, casi se caen a golpes dos motorizados 🙄',
];

const LUZ = ['normal en el centro, fallas en La Granja', 'racionamiento por bloques, pendientes', 'sin luz desde las 4 am en varios sectores', 'estable por ahora 🙏', 'bajones en Los Próceres y El Carmen'];
const AGUA = ['llegó en la madrugada al centro', 'sin servicio en 5 de Julio', 'normal', 'con presión baja en las partes altas', 'cisternas en Simón Rodríguez'];
const GASOLINA = ['cola en la bomba de la entrada', 'no hay despacho hoy', 'despachando gasoil para transporte', 'despachan por terminal de placa', 'solo a precio internacional'];
const NIGHT_OPEN = ['🌙 Buenas noches mi gente llanera', '🌙 Feliz noche, Guasdualito', '🌙 Hasta mañana, llaneros', '🌙 Cerramos por hoy', '🌙 Buenas noches vecinos'];
const NIGHT_MIDDLE = ['descansen', 'cuiden sus motos y sus casas', 'pendientes con el río', 'carguen los teléfonos por si se va la luz', 'que Dios los bendiga', 'mañana seguimos informando'];
const NIGHT_CLOSE = ['🙏', '💤', '❤️', '🌾', '✨'];
const RIO = ['crecido, sin cambios', 'subió durante la noche ⚠️', 'bajando poquito', 'alto pero estable', 'bajó unos centímetros'];

export function alertaLlaneraChannel(random: Random, assets: DemoAssets): ChatSpec {
  const pool = new LinePool(random.fork('alerta-lines'), ALERTS);
  const rhythm = random.fork('alerta-times');
  const report = random.fork('alerta-report');
  const posts: Post[] = [];
  for (const day of daysBetween('2026-09-08', '2026-09-22')) {
    const reportAt = at(day, day === STRIKE_DAY ? 5 : 6, report.int(2, 55), report.int(0, 59));
    posts.push({
      at: reportAt,
      text: `🌅 **Reporte de servicios** — ${spanishDate(reportAt)}\n⚡ Luz: ${report.pick(LUZ)}\n💧 Agua: ${report.pick(AGUA)}\n⛽ Gasolina: ${report.pick(GASOLINA)}\n🌊 Sarare: ${report.pick(RIO)}\n¡Buen día, llaneros! #Guasdualito`,
      reactions: reactionsFor(report, ['👍', '🙏'], 12),
    });
    if (day !== STRIKE_DAY) {
      const nightAt = at(day, 22, report.int(0, 50), report.int(0, 59));
      posts.push({
        at: nightAt,
        text: `${report.pick(NIGHT_OPEN)}, ${report.pick(NIGHT_MIDDLE)} ${report.pick(NIGHT_CLOSE)}`,
        reactions: reactionsFor(report, ['🙏', '❤️'], 10),
      });
    }
    const count = day === STRIKE_DAY ? 1 : rhythm.int(4, 6);
    for (const time of timesInDay(rhythm, day, count, LATE_DAY, day === STRIKE_DAY ? 17 : 7, 23)) {
      posts.push({ at: time, text: pool.draw({ day, at: time }), reactions: reactionsFor(rhythm, REACTIONS, 20) });
    }
  }
  const neighbour = (hh: number, mm: number, ss: number): string => at(STRIKE_DAY, hh, mm, ss);
  posts.push(
    { at: at('2026-09-10', 12, 4, 31), text: '⛽ Así está la cola en la bomba de la entrada de Guasdualito al mediodía. Más de 6 cuadras 🥵 #Gasolina', photo: asPhoto(assets.fuelQueue), reactions: [{ emoji: '😡', count: 64 }, { emoji: '🥵', count: 18 }] },
    { at: at('2026-09-11', 15, 34, 2), forwardedFrom: peer('apureAlDia'), photo: asPhoto(assets.flood), text: APURE_FLOOD_POST },
    { at: neighbour(0, 41, 26), text: '🌙 Todo tranquilo por el centro. Buenas noches mi gente, mañana es viernes 🙌' },
    { key: 'urgente', at: neighbour(2, 14, 38), text: ALERTA_URGENTE, reactions: [{ emoji: '😮', count: 188 }, { emoji: '🙏', count: 90 }] },
    { at: neighbour(2, 17, 5), text: 'Nos escriben desde Caño Guaramacal: "se escuchó un estruendo horrible y se fue la luz, los perros no paran de ladrar". 🙏', reactions: [{ emoji: '😮', count: 75 }] },
    { at: neighbour(2, 21, 49), text: 'Varios vecinos dicen que antes de la explosión escucharon un zumbido, "como un dron" 🛩️ Seguimos recibiendo reportes.', reactions: [{ emoji: '😮', count: 61 }] },
    {
      at: neighbour(2, 24, 12),
      text: '🎙️ Audio de un vecino de Los Araguaneyes: "eso fue pa\'l lado del caño, retumbó todo, se cayeron hasta los corotos de la cocina"',
      document: { content: 'not-included', fileName: 'audio_2026-09-18_02-23-40.ogg', fileSize: 187342, mediaType: 'voice_message', mimeType: 'audio/ogg', durationSeconds: 23 },
    },
    { at: neighbour(2, 26, 40), text: 'Vecinos de Los Araguaneyes dicen que fueron **DOS** explosiones, una detrás de la otra, como a las 2:10 o 2:12. #Apure', reactions: [{ emoji: '😮', count: 83 }] },
    { at: neighbour(2, 33, 18), text: 'Confirmado por varios vecinos: sin luz en La Ceibita, Caño Guaramacal y parte de Los Araguaneyes. En el centro de Guasdualito sí hay luz.' },
    { key: 'smoke', at: neighbour(2, 48, 21), photo: asPhoto(assets.smokeChannelCopy), text: ALERTA_SMOKE_CAPTION, reactions: [{ emoji: '😮', count: 140 }, { emoji: '🙏', count: 52 }] },
    { key: 'rumour-30', at: neighbour(3, 4, 57), text: ALERTA_RUMOUR_30, reactions: [{ emoji: '👍', count: 95 }] },
    { key: 'landfill', at: neighbour(3, 31, 9), photo: asPhoto(assets.landfillRecycled), text: ALERTA_LANDFILL_CAPTION, reactions: [{ emoji: '😢', count: 120 }, { emoji: '😮', count: 70 }] },
    { at: neighbour(3, 52, 33), text: 'Un vecino nos dice: "eso es mentira que allá hay un campamento, allá no había nadie desde hace tiempo". No lo podemos confirmar. Seguimos atentos.', reactions: [{ emoji: '🤔', count: 48 }] },
    { at: neighbour(4, 33, 2), text: 'Están pasando camionetas y motos militares por la vía hacia el caño. Nadie dice nada oficial todavía.' },
    {
      at: neighbour(6, 41, 15),
      text: '🇻🇪 El Comando de Operaciones Conjuntas del Llano confirma un "ataque de precisión" a las 02:10 contra un campamento del FGRS en Caño Guaramacal. Según el comunicado oficial murieron 12 integrantes, incluido el cabecilla. #Apure',
      reactions: [{ emoji: '😮', count: 230 }, { emoji: '🙏', count: 80 }, { emoji: '🤡', count: 25 }],
    },
    { at: neighbour(7, 22, 44), text: 'Mucha gente preguntando por sus familiares en la zona. Hasta ahora NO hay reporte oficial de civiles heridos. Si alguien necesita ayuda escriban al admin.', reactions: [{ emoji: '🙏', count: 110 }] },
    { key: 'palmarejo', at: neighbour(9, 22, 8), text: '🔥 Reportan una columna de humo en Bajo Palmarejo, como a 40 km de Guasdualito. No sabemos si tiene que ver con lo de anoche. #Apure', reactions: [{ emoji: '😮', count: 37 }] },
    { at: neighbour(11, 5, 36), text: 'Dicen que hay 3 heridos en el ambulatorio de La Ceibita. Estamos tratando de confirmar con el personal.', reactions: [{ emoji: '🙏', count: 66 }] },
    { at: neighbour(14, 10, 20), text: '❌ **Desmienten** que haya 30 muertos. Ni el Comando habla de esa cifra. No compartan cadenas. #NoALasCadenas', replyTo: 'rumour-30', reactions: [{ emoji: '👍', count: 142 }] },
    { at: neighbour(16, 32, 51), text: 'El medio Cuaderno de Frontera habló con vecinos de La Ceibita y de Caño Guaramacal: confirman explosiones como a las 2:15, pero nadie ha visto muertos. El ambulatorio atendió a 3 heridos leves. [Nota completa](https://cuadernodefrontera.example/2026/09/18/explosiones-madrugada-sur-paez/)' },
    { at: neighbour(21, 3, 0), text: '🌙 Buenas noches mi gente. Día difícil. Cuídense mucho y no crean todo lo que circula 🙏', reactions: [{ emoji: '🙏', count: 98 }] },
    { at: at('2026-09-19', 9, 48, 17), text: 'Vecinos reportan que la zona de Caño Guaramacal sigue acordonada por militares. No dejan pasar ni a los productores a ver su ganado.', reactions: [{ emoji: '😡', count: 59 }] },
    { at: at('2026-09-19', 18, 25, 40), text: 'Todavía nadie conoce los nombres de los fallecidos. En el caserío dicen que no falta nadie de la zona. 🤔' },
    { at: at('2026-09-20', 12, 17, 3), text: '⚡ Poco a poco vuelve la luz a La Ceibita y Los Araguaneyes, dos días después de las explosiones. 🙌' },
    { at: at('2026-09-21', 16, 4, 49), text: 'El FGRS publicó un comunicado negando las bajas. Dicen que las bombas "cayeron sobre sabana vacía". Es su primera publicación desde la madrugada del 18. #Apure', reactions: [{ emoji: '😮', count: 102 }] },
  );
  return { name: CHANNELS.alertaLlanera.name, type: 'public_channel', id: CHANNELS.alertaLlanera.bareId, firstMessageId: 6120, posts };
}
