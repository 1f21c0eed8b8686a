/**
 * A local news channel: a morning greeting, the official dollar rate on weekdays, local news
 * through the day; on the night of the strike it relays the community channel, then the claim.
 * Its history in the export starts with four days of May 2026, when it posted the landfill fire.
 */
import { asPhoto, type DemoAssets } from '../assets.js';
import { WEEKDAYS_ES, at, daysBetween, spanishDate, weekday } from '../clock.js';
import type { Random } from '../random.js';
import { LinePool, during, reactionsFor, repeated, timesInDay, type HourWeights, type Line, type TimedLine } from '../schedule.js';
import { APURE_FLOOD_POST, ALERTA_SMOKE_CAPTION, ALERTA_URGENTE, BALANCE_POST, CLAIM_POST, FGRS_DENIAL } from '../relayed.js';
import { CHANNELS, peer, STRIKE_DAY } from '../story.js';
import type { ChatSpec, Post } from '../telegram-export.js';

const NEWSROOM: HourWeights = [0, 0, 0, 0, 0, 0.2, 0.6, 1.6, 1.8, 1.6, 1.4, 1.4, 1.6, 1.2, 1.2, 1.2, 1.3, 1.5, 1.8, 1.8, 1.5, 1, 0.5, 0.2];
const REACTIONS = ['👍', '😢', '😡', '🙏', '😮', '😂', '👏'];

const WEATHER = [
  'Cielo nublado y lluvias dispersas en la tarde',
  'Se esperan aguaceros fuertes en la noche',
  'Sol en la mañana y chubascos después del mediodía',
  'Nubosidad parcial y bastante calor, máxima de 33 °C',
  'Lluvias moderadas desde temprano, lleven paraguas',
  'Mañana fresca, tarde calurosa y posibles tormentas eléctricas',
  'Día mayormente soleado con humedad alta',
];

/** Metres at the Sarare bridge gauge: rising to the 14th, then slowly down. */
function riverLevel(day: string): number {
  const d = Number(day.slice(8, 10));
  const peak = 14;
  return Math.round((6.1 + 1.4 * Math.exp(-((d - peak) ** 2) / 18)) * 100) / 100;
}

/** The official rate drifts up by a few tenths of a percent each weekday. */
function dollarRate(day: string): number {
  const d = Number(day.slice(8, 10));
  return Math.round(318.42 * 1.0037 ** (d - 8) * 100) / 100;
}

const bs = (n: number): string => n.toFixed(2).replace('.', ',');

const SECTORS = ['barrio Los Próceres', 'urbanización El Paraíso', 'sector La Granja', 'barrio 5 de Julio', 'calle Páez', 'avenida Miranda', 'barrio Simón Rodríguez', 'sector Las Flores', 'barrio El Carmen', 'urbanización Los Mangos'];

const NEWS: (Line | TimedLine)[] = [
  ...repeated(4, ({ random }) =>
    `⚡ **#SinLuz** | Reportan interrupción del servicio eléctrico en ${random.pick(SECTORS)} y ${random.pick(SECTORS)} desde las ${random.int(1, 11)}:${random.pick(['00', '15', '30', '45'])} ${random.pick(['a. m.', 'p. m.'])}. La empresa eléctrica no ha informado la causa. #Guasdualito`,
  ),
  ...repeated(3, ({ random }) =>
    `⛽ La estación de servicio de la ${random.pick(['avenida principal', 'salida a El Amparo', 'entrada de Guasdualito', 'Troncal 5'])} surte hoy ${random.pick(['gasolina subsidiada por terminal de placa', 'gasolina a precio internacional', 'gasoil para transporte público'])}. La cola supera las ${random.int(3, 9)} cuadras. #Gasolina`,
  ),
  during(undefined, '2026-09-15', '🌊 **#Apure** | Protección Civil mantiene la alerta por la crecida del río Sarare. Familias de la ribera fueron trasladadas a la escuela del sector como refugio temporal.'),
  '🌧️ Fuertes lluvias de la noche dejaron calles anegadas en el centro de Guasdualito. Conductores reportan huecos tapados por el agua en la avenida principal. Manejen con cuidado.',
  during('2026-09-10', undefined, '🐄 Productores del municipio Páez denuncian pérdidas por las inundaciones: potreros bajo el agua y ganado que hay que mover a tierras altas. Piden apoyo con combustible para las lanchas.'),
  during('2026-09-14', '2026-09-18', '📚 Representantes de la U.E. Caño Hondo denuncian que la escuela no tiene agua ni baños en funcionamiento al inicio del año escolar.'),
  '🚌 Usuarios del transporte público denuncian que el pasaje Guasdualito–El Amparo subió otra vez. Los transportistas alegan el precio de los repuestos y el gasoil.',
  ({ random }) => `🧀 Así están los precios en el mercado municipal este ${WEEKDAYS_ES[weekday(`${random.pick(['2026-09-12', '2026-09-19'])}T12:00:00`)] ?? ''}: queso llanero ${random.int(6, 8)} dólares el kilo, carne de primera ${random.int(7, 9)} dólares, plátano ${random.int(1, 2)} dólar el kilo. #Precios`,
  '🥚 El cartón de huevos ya se consigue por encima de los 5 dólares en Guasdualito. Comerciantes culpan a los fletes y a la vía en mal estado.',
  '💊 Farmacias del centro reportan escasez de insulina y de antihipertensivos. Pacientes deben viajar a San Cristóbal o a Barinas.',
  '🏥 Hospital de Guasdualito solicita donantes de sangre tipo O+. Los interesados pueden acudir al banco de sangre de 7 a 11 de la mañana.',
  '💉 Jornada de vacunación contra sarampión y fiebre amarilla este sábado en la plaza Bolívar de Guasdualito, de 8:00 a. m. a 2:00 p. m. Lleven la tarjeta de vacunación.',
  '⚽ El equipo sub-17 de Guasdualito clasificó a la fase regional del torneo de fútbol menor tras vencer 2-1 a su similar de El Amparo. ¡Felicitaciones, muchachos!',
  '⚾ Arrancan las inscripciones para la liga de softbol de veteranos del municipio Páez. Los juegos serán los domingos en el estadio municipal.',
  '🎶 Este fin de semana se realiza el festival de joropo y coleo en la manga de coleo de Guasdualito. Habrá venta de comida y premios en efectivo.',
  '🚔 Detienen a dos sujetos señalados de robar motos en el barrio Los Próceres. Vecinos habían denunciado al menos cinco robos en lo que va de mes.',
  '🚔 Roban cableado de CANTV en la avenida Miranda: más de 200 usuarios sin teléfono fijo ni internet. Vecinos piden vigilancia.',
  '🚧 La vía hacia El Nula presenta un socavón a la altura del kilómetro 22. Conductores piden a las autoridades una reparación urgente antes de que colapse.',
  '🚧 Intransitable la carretera de tierra hacia los caseríos del sur por el barro. Las motos pasan, los carros no.',
  '🌽 Productores de maíz de Páez esperan que las lluvias no afecten la cosecha de octubre. Advierten que sin fertilizante los rendimientos bajarán.',
  '🐟 Pescadores del río Apure reportan buena temporada de bagre, pero denuncian que no tienen cava ni hielo para conservar el pescado.',
  '📱 Usuarios de Movilnet y Digitel reportan fallas de señal desde anoche en Guasdualito y caseríos cercanos.',
  '💧 Hidrológica anuncia suspensión del servicio de agua por 24 horas en el centro de Guasdualito por reparación de una tubería matriz.',
  '🔥 Bomberos sofocan un incendio en una vivienda del sector La Granja. No hubo lesionados; las pérdidas son materiales.',
  during('2026-09-14', undefined, '🛶 Habilitan lanchas para el traslado de estudiantes en los caseríos aislados por la crecida. Los padres piden chalecos salvavidas.'),
  '👮 Alcaldía anuncia nuevo horario para el mercado municipal: de 6:00 a. m. a 3:00 p. m. de lunes a sábado.',
  '🏗️ Inician trabajos de bacheo en la avenida principal de Guasdualito. Se recomienda usar vías alternas.',
  '🌡️ Médicos alertan de aumento de casos de dengue tras las lluvias. Eliminen criaderos: pipotes destapados, cauchos, potes con agua.',
  '🐕 Jornada de vacunación antirrábica para perros y gatos este domingo en el sector Las Flores. Es gratuita.',
  '🎓 La universidad abre inscripciones para el nuevo semestre en su núcleo de Guasdualito. Hay cupos en Educación y en Producción Agropecuaria.',
  '📦 Comerciantes denuncian que el CLAP llega cada vez con menos productos al municipio Páez: esta vez sin aceite ni leche.',
  '🍖 Consejos comunales organizan una parrilla bailable para recaudar fondos para el techo de la escuela de Caño Hondo.',
  '🙏 Fieles preparan las fiestas patronales en un caserío cercano a Guasdualito. Habrá misa, procesión y toros coleados.',
  '💸 Pago móvil sin sistema en varios bancos desde esta mañana. Comerciantes de Guasdualito solo aceptan efectivo en dólares.',
  '💵 Escasea el efectivo en bolívares en Guasdualito: los cajeros tienen días sin billetes.',
  '⚡ Corpoelec anuncia racionamiento de 4 horas por sectores en Apure durante esta semana por "mantenimiento en la red de transmisión".',
  '⚡ Así quedan los bloques de racionamiento en Guasdualito para mañana: bloque A de 8 a 12, bloque B de 12 a 4, bloque C de 4 a 8 de la noche.',
  '🧯 Explota un transformador en el barrio El Carmen y deja sin luz a unas 40 viviendas. Vecinos temen que tarden semanas en reponerlo.',
  '🌩️ Un rayo cayó sobre una palma en el sector Los Mangos durante la tormenta de la tarde. No hubo heridos pero el estruendo asustó a los vecinos.',
  '🚑 Ambulatorio de El Amparo sin ambulancia operativa desde hace un mes. Los pacientes graves son trasladados en carros particulares.',
  '🐂 Subasta ganadera de esta semana: el kilo de novillo en pie se cotizó alrededor de 1,9 dólares. Productores dicen que no cubre los costos.',
  '🏀 Las chamas de la selección de baloncesto de Guasdualito ganaron el torneo regional. ¡Orgullo llanero!',
  '⚽ Resultado del partido de anoche: empate 1-1 entre Guasdualito FC y el equipo de El Nula en la liga regional.',
  '📻 La radio comunitaria anuncia que vuelve al aire tras reparar el transmisor dañado por las lluvias.',
  '🌳 Vecinos de la urbanización El Paraíso piden podar los árboles que tocan el tendido eléctrico antes de la próxima tormenta.',
  '🦟 Fumigan en el barrio 5 de Julio por los casos de dengue. Piden a los vecinos abrir puertas y ventanas durante la jornada.',
  '🎭 Estudiantes del liceo presentan una obra de teatro sobre la historia del llano este viernes en la casa de la cultura.',
  '🚲 Carrera ciclística "Vuelta al Sarare" pasará este domingo por Guasdualito. Habrá cierres de vías de 7 a 10 de la mañana.',
  '🧾 El Seniat realiza fiscalizaciones en comercios del centro de Guasdualito. Varios locales fueron multados por no emitir factura.',
  during('2026-09-16', undefined, '🌊 El río Sarare comienza a bajar lentamente, según Protección Civil. Las familias aún no pueden volver a sus casas en la ribera.'),
  '🛣️ Transportistas de carga trancan la vía en protesta por la falta de gasoil. Piden una mesa de diálogo con las autoridades.',
  '🍼 Madres denuncian que no consiguen leche de fórmula en las farmacias de Guasdualito.',
  '📢 Alcaldía convoca a consulta pública sobre el nuevo terminal de pasajeros. Será el jueves en la sala de sesiones.',
  '🐊 Vecinos reportan una baba (caimán) en un canal de la urbanización Los Mangos después de la crecida. Bomberos la devolvieron al caño.',
  '🧑‍🌾 Productores reciben semillas de pasto a través de un programa regional. Dicen que llegaron tarde para la temporada.',
  '📢 Inscripciones abiertas para el curso gratuito de panadería en la casa de la cultura. Cupos limitados.',
  '🚗 Vecinos denuncian que el semáforo de la avenida Miranda lleva un mes dañado. Ya van tres choques.',
  '🐴 Cabalgata en honor a la patrona de un caserío cercano este domingo. Salida a las 7 a. m. desde la plaza Bolívar.',
  '🏥 Llega un lote de medicinas al hospital de Guasdualito: antibióticos y sueros, según la dirección del centro.',
  '🌧️ El servicio de meteorología pronostica más lluvias para los llanos occidentales durante el fin de semana.',
  '📉 Comerciantes del centro dicen que las ventas cayeron a la mitad en septiembre: "La gente solo compra lo básico".',
  '🧑‍⚕️ Médicos del hospital denuncian que tienen tres meses sin guantes ni tapabocas suficientes.',
  '🏚️ Se desploma parte del techo de una casa en el barrio El Carmen por las lluvias. La familia salió ilesa.',
  '🚤 Comerciantes que traen mercancía por el río denuncian cobros irregulares en los puntos de control fluvial.',
  '🛵 Mototaxistas protestan frente a la alcaldía por el precio de la gasolina a precio internacional.',
  '📱 Cantv anuncia la reposición del cableado robado en la avenida Miranda "en los próximos días".',
  '🌾 Productores de arroz del sur de Apure temen perder la siembra por el exceso de agua.',
  '⚖️ Vecinos del barrio Los Próceres piden más patrullaje nocturno tras una ola de robos.',
  during('2026-09-12', undefined, '🎒 Campaña de recolección de útiles escolares para los niños de la ribera afectados por la crecida. Centro de acopio en la iglesia.'),
  '🧱 Alcaldía promete reparar la cancha techada del barrio 5 de Julio antes de diciembre.',
  '🚰 Vecinos de Simón Rodríguez cumplen dos semanas recibiendo agua solo por cisterna.',
  '🐎 Suspendido el coleo del domingo por la lluvia; los organizadores anuncian nueva fecha.',
];

export function apureAlDiaChannel(random: Random, assets: DemoAssets): ChatSpec {
  const alerta = peer('alertaLlanera');
  const pool = new LinePool(random.fork('apure-lines'), NEWS);
  const rhythm = random.fork('apure-times');
  const posts: Post[] = [
    // May 2026: the only older posts in this export.
    { at: at('2026-05-01', 8, 12, 40), text: '☀️ Feliz Día del Trabajador a todos los trabajadores y trabajadoras de Apure. 💪 #1Mayo' },
    { at: at('2026-05-02', 11, 26, 3), text: '⚡ Reportan bajones de luz en varios sectores de Guasdualito desde la mañana. Desconecten los equipos. #SinLuz', reactions: [{ emoji: '😡', count: 23 }] },
    {
      key: 'landfill-original',
      at: at('2026-05-03', 16, 42, 18),
      text: '🔥 **#Guasdualito** | Desde hace varias horas se registra un incendio en el vertedero de la ciudad. Bomberos trabajan para controlarlo. Vecinos de sectores cercanos reportan humo y mal olor. Eviten la zona.',
      photo: asPhoto(assets.landfillOriginal),
      reactions: [{ emoji: '😮', count: 41 }, { emoji: '😢', count: 12 }],
    },
    { at: at('2026-05-03', 19, 8, 55), text: '✅ Bomberos controlaron el incendio en el vertedero de Guasdualito. No hubo lesionados. Piden a la población no quemar basura en temporada seca.', replyTo: 'landfill-original' },
    { at: at('2026-05-04', 7, 31, 12), text: '☀️ Buenos días, Apure. Amanece con algo de humo todavía en la zona del vertedero, pero sin llamas. #Guasdualito' },
  ];
  const morning = random.fork('apure-morning');
  for (const day of daysBetween('2026-09-08', '2026-09-22')) {
    const greetingAt = at(day, 6, morning.int(5, 50), morning.int(0, 59));
    const level = riverLevel(day);
    const state = level > 7.2 ? 'alerta roja' : level > 6.7 ? 'alerta amarilla' : 'en descenso';
    posts.push({
      at: greetingAt,
      text: `☀️ **Buenos días, Apure.** Hoy es ${spanishDate(greetingAt)}. ${morning.pick(WEATHER)}. Río Sarare en el puente: ${bs(level)} m (${state}). #Apure`,
      reactions: reactionsFor(morning, ['👍', '🙏', '☀️'], 15),
    });
    const wd = weekday(greetingAt);
    if (wd >= 1 && wd <= 5) {
      const rate = dollarRate(day);
      posts.push({
        at: at(day, 9, morning.int(0, 25), morning.int(0, 59)),
        text: `💵 **#DólarBCV** | Tasa oficial para este ${WEEKDAYS_ES[wd] ?? ''}: ${bs(rate)} Bs por dólar. Euro: ${bs(rate * 1.168)} Bs.`,
        reactions: reactionsFor(morning, ['😡', '😢', '🤡'], 20),
      });
    }
    if (day !== STRIKE_DAY) {
      const nightAt = at(day, 21, morning.int(0, 40), morning.int(0, 59));
      const tomorrow = daysBetween(day, '2026-12-31')[1] ?? day;
      posts.push({
        at: nightAt,
        text: `🌙 Pronóstico para mañana, ${spanishDate(`${tomorrow}T12:00:00`)}: ${(morning.pick(WEATHER)).toLowerCase()}. ${morning.pick(['¡Feliz noche, Apure!', 'Descansen, llaneros.', 'Buenas noches.', 'Hasta mañana.'])}`,
      });
    }
    const count = day === STRIKE_DAY ? 1 : rhythm.int(4, 6);
    for (const time of timesInDay(rhythm, day, count, NEWSROOM, day === STRIKE_DAY ? 13 : 0)) {
      posts.push({ at: time, text: pool.draw({ day, at: time }), reactions: reactionsFor(rhythm, REACTIONS, 25) });
    }
  }
  posts.push(
    { at: at('2026-09-11', 15, 20, 44), text: APURE_FLOOD_POST, photo: asPhoto(assets.flood), key: 'flood', reactions: [{ emoji: '😢', count: 88 }, { emoji: '🙏', count: 35 }] },
    { at: at('2026-09-14', 7, 42, 10), text: '📚 **#RegresoAClases** | Este lunes arrancó el año escolar 2026-2027 en Apure. Docentes reportan baja asistencia en escuelas rurales por las lluvias y la falta de transporte.', reactions: [{ emoji: '👍', count: 47 }, { emoji: '😢', count: 9 }] },
    { key: 'bus', at: at('2026-09-15', 17, 21, 36), text: '🚌 **#Sucesos** | Accidente de autobús en la Troncal 5 vía a Barinas, lejos del municipio Páez: el vehículo se salió de la vía por el pavimento mojado. Reportan 8 heridos trasladados a centros de salud de la zona.', reactions: [{ emoji: '😢', count: 73 }, { emoji: '🙏', count: 51 }] },
    { at: at('2026-09-16', 10, 5, 2), text: '🚌 Actualización del accidente en la Troncal 5: los 8 heridos están estables según fuentes médicas. Ninguno es del municipio Páez.', replyTo: 'bus', reactions: [{ emoji: '🙏', count: 40 }] },
    { key: 'missing-teen', at: at('2026-09-10', 19, 12, 26), text: '🧒 Denuncian desaparición de un adolescente de 15 años en el barrio Simón Rodríguez. Fue visto por última vez el martes en la tarde. Cualquier información, comunicarse con las autoridades.', reactions: [{ emoji: '🙏', count: 64 }, { emoji: '😢', count: 20 }] },
    { at: at('2026-09-11', 8, 31, 50), text: '✅ Apareció el adolescente reportado como desaparecido en el barrio Simón Rodríguez. Estaba en casa de unos familiares en El Amparo. Gracias por compartir.', replyTo: 'missing-teen', reactions: [{ emoji: '🙏', count: 112 }, { emoji: '👏', count: 30 }] },
    // The night of the 18th.
    { at: at(STRIKE_DAY, 2, 19, 33), forwardedFrom: alerta, text: ALERTA_URGENTE, reactions: [{ emoji: '😮', count: 52 }, { emoji: '🙏', count: 20 }] },
    {
      at: at(STRIKE_DAY, 2, 31, 7),
      text: '**#ÚltimaHora** | Reportan fuertes explosiones en zona rural al sureste de Guasdualito. Vecinos de La Ceibita del Sarare y Los Araguaneyes dicen que "retumbó todo" y que se fue la luz. Se desconocen las causas. Estamos verificando.',
      reactions: [{ emoji: '😮', count: 97 }, { emoji: '🙏', count: 44 }],
    },
    { at: at(STRIKE_DAY, 2, 57, 2), forwardedFrom: alerta, photo: asPhoto(assets.smokeChannelCopy), text: ALERTA_SMOKE_CAPTION, reactions: [{ emoji: '😮', count: 71 }] },
    {
      at: at(STRIKE_DAY, 3, 20, 45),
      text: '⚠️ Hasta ahora no hay información oficial. Circulan audios y mensajes con cifras de muertos que **NO** hemos podido confirmar. Les pedimos no compartir información sin verificar.',
      reactions: [{ emoji: '👍', count: 130 }],
    },
    { at: at(STRIKE_DAY, 6, 34, 51), forwardedFrom: peer('command'), photo: asPhoto(assets.claimCard), text: CLAIM_POST },
    {
      at: at(STRIKE_DAY, 6, 49, 30),
      text: '**#Apure** | Según el Comando de Operaciones Conjuntas del Llano, el ataque se ejecutó a las 02:10 contra un campamento del FGRS en el sector Caño Guaramacal. El comunicado oficial habla de 12 muertos, entre ellos el cabecilla. Apure al Día no ha podido verificar esa cifra de forma independiente.',
      reactions: [{ emoji: '😮', count: 210 }, { emoji: '🙏', count: 65 }],
    },
    {
      at: at(STRIKE_DAY, 8, 44, 12),
      text: 'Vecinos de Caño Guaramacal consultados por este medio aseguran que escucharon "dos explosiones seguidas" pasadas las 2 de la mañana. Una vecina afirma que "por allá hace meses que no se ve gente armada". #Apure',
      reactions: [{ emoji: '😮', count: 58 }],
    },
    {
      at: at(STRIKE_DAY, 10, 16, 20),
      text: 'Según reporta el medio Cuaderno de Frontera, el ambulatorio rural de La Ceibita atendió en la madrugada a 3 personas con heridas leves. No se precisó el origen de las lesiones. [Leer nota completa](https://cuadernodefrontera.example/2026/09/18/explosiones-madrugada-sur-paez/)',
      reactions: [{ emoji: '🙏', count: 33 }],
    },
    { at: at(STRIKE_DAY, 12, 33, 9), text: '📚 La Zona Educativa suspendió por hoy las clases en tres escuelas rurales del sur del municipio Páez "por precaución". #Apure' },
    {
      at: at(STRIKE_DAY, 15, 47, 38),
      text: 'El portal La Sabana Digital publica testimonios de habitantes que aseguran que el campamento "estaba abandonado desde hace meses" y que nadie ha visto cuerpos. [Leer más](https://lasabana.example/2026/09/18/habitantes-campamento-abandonado/)',
      reactions: [{ emoji: '😮', count: 120 }, { emoji: '🤔', count: 44 }],
    },
    {
      at: at(STRIKE_DAY, 19, 5, 16),
      text: '📝 **Resumen del día** | Explosiones en la madrugada al sureste de Guasdualito confirmadas por vecinos de varios caseríos. El Comando de Operaciones Conjuntas del Llano habla de 12 integrantes del FGRS muertos; ninguna fuente independiente ha podido confirmarlo. El FGRS no se ha pronunciado. #Apure',
      reactions: [{ emoji: '👍', count: 160 }],
    },
    { at: at('2026-09-19', 8, 20, 3), forwardedFrom: peer('command'), photo: asPhoto(assets.balanceCard), text: BALANCE_POST },
    { at: at('2026-09-19', 11, 2, 47), text: 'Familias de los caseríos del sur piden que se permita el acceso de la prensa y de organizaciones humanitarias a la zona de Caño Guaramacal. El área sigue acordonada. #Apure', reactions: [{ emoji: '🙏', count: 77 }] },
    { at: at('2026-09-20', 17, 40, 29), text: 'Tres días después de las explosiones, siguen sin conocerse los nombres de las víctimas que menciona el Comando. Ningún familiar se ha presentado en la morgue de Guasdualito, según fuentes del hospital. #Apure', reactions: [{ emoji: '🤔', count: 66 }] },
    { at: at('2026-09-21', 16, 9, 12), forwardedFrom: peer('fgrs'), text: FGRS_DENIAL, reactions: [{ emoji: '😮', count: 90 }] },
    { at: at('2026-09-21', 16, 15, 55), text: '**#Apure** | El FGRS rompe su silencio: en un comunicado niega haber sufrido las bajas que anunció el Comando y dice que las bombas "cayeron sobre sabana vacía". No aporta pruebas. Es su primera publicación desde la madrugada del 18.', reactions: [{ emoji: '😮', count: 140 }] },
  );
  return { name: CHANNELS.apureAlDia.name, type: 'public_channel', id: CHANNELS.apureAlDia.bareId, firstMessageId: 1201, posts, idJumps: [{ from: at('2026-09-08', 0, 0, 0), id: 3904 }] };
}

