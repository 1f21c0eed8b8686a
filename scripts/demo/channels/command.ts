/**
 * The government body's press channel: routine operations news in office hours, then the
 * claim at 06:30 on 18 September and its follow-ups.
 */
import { asPhoto, type DemoAssets } from '../assets.js';
import { at, daysBetween } from '../clock.js';
import type { Random } from '../random.js';
import { LinePool, during, reactionsFor, repeated, timesInDay, type HourWeights, type Line, type TimedLine } from '../schedule.js';
import { BALANCE_POST, CLAIM_POST } from '../relayed.js';
import { CHANNELS, STRIKE_DAY } from '../story.js';
import type { ChatSpec, Post } from '../telegram-export.js';

const OFFICE_HOURS: HourWeights = [0, 0, 0, 0, 0, 0, 0.2, 1, 1.5, 1.5, 1.5, 1.2, 1, 1, 1.2, 1.2, 1, 0.8, 0.6, 0.5, 0.3, 0.2, 0, 0];
const REACTIONS = ['👍', '🇻🇪', '💪', '👏', '🙏'];

const SECTORS = ['El Amparo', 'La Victoria', 'Palmarito', 'Caño Hondo', 'La Macanilla', 'Santa Inés', 'Los Bancos'];

const ROUTINE: (Line | TimedLine)[] = [
  '🇻🇪 **#EnDesarrollo** | Efectivos del COC-Llano desplegados en el eje Guasdualito–El Amparo en labores de patrullaje y control de área. Resguardamos la tranquilidad del pueblo apureño. #ApureEnPaz',
  ...repeated(2, ({ random }) =>
    `Incautados ${random.pick(['1.800', '2.400', '3.150', '960'])} litros de gasoil en un punto de control de la Troncal 5, municipio Páez. El combustible era trasladado sin guía de movilización. El vehículo quedó retenido. #COCLlano`,
  ),
  during('2026-09-13', '2026-09-16', 'Mantenemos activo el dispositivo de seguridad por el inicio del año escolar 2026-2027. Nuestros efectivos acompañan a estudiantes y docentes en las vías rurales del municipio Páez. #RegresoAClases #ApureEnPaz'),
  during(undefined, '2026-09-15', '⚠️ Ante la crecida del río Sarare, el COC-Llano desplegó lanchas y personal de protección civil para apoyar el traslado de familias de zonas ribereñas a refugios temporales. #ApureEnPaz'),
  ({ random }) =>
    `Desmantelada una pista de aterrizaje clandestina en zona rural del municipio Páez. Fue inutilizada con ${random.int(5, 9)} zanjas transversales. #FronteraSegura #COCLlano`,
  ({ random }) =>
    `Detenidos ${random.int(2, 4)} ciudadanos por abigeato (hurto de ganado) en un punto de control cercano a ${random.pick(SECTORS)}. Fueron puestos a la orden de las autoridades competentes. #COCLlano`,
  'El COC-Llano rechaza las campañas de desinformación que circulan en redes sociales. Informamos únicamente a través de nuestros canales oficiales. #NoALaMentira',
  'Recorrido de inspección por los puntos de control fluvial sobre el río Arauca: se verificaron embarcaciones, carga y documentación. #FronteraSegura',
  during('2026-09-14', undefined, ({ random }) =>
    `Efectivos del COC-Llano entregaron ${random.int(120, 260)} kits escolares en la Unidad Educativa ${random.pick(['Caño Hondo', 'Los Bancos', 'La Macanilla'])}. ¡La patria se construye en la escuela! #RegresoAClases`),
  'Se recuerda a la población que está prohibido el porte de armas en toda la jurisdicción. Denuncie cualquier actividad sospechosa a través de nuestras líneas de atención. #ApureEnPaz',
  'Reunión de coordinación con autoridades locales y consejos comunales del municipio Páez para fortalecer la seguridad en las zonas rurales y el transporte escolar.',
  ({ random }) =>
    `Destruidos ${random.int(300, 900)} kilos de hoja de coca hallados en un sembradío en zona limítrofe del municipio Páez. #FronteraSegura`,
  ({ random }) =>
    `Operativo de control en la vía Guasdualito–El Nula: revisados ${random.int(140, 320)} vehículos y ${random.int(200, 480)} motos. Sin novedad. #COCLlano`,
  'Inutilizado un campamento improvisado usado por contrabandistas en la ribera del río Arauca. En el sitio se hallaron bidones vacíos y una lancha sin matrícula. #FronteraSegura',
  ({ random }) =>
    `Entregadas ${random.int(4, 12)} toneladas de alimentos a familias afectadas por las lluvias en el municipio Páez. Seguimos desplegados. #ApureEnPaz`,
  'Capturado un ciudadano solicitado por extorsión a comerciantes de Guasdualito. Fue puesto a la orden de las autoridades competentes. #COCLlano',
  'Nuestro compromiso es con la paz del llano. Ninguna estructura criminal tendrá espacio en Apure. #ApureEnPaz',
  'Personal del COC-Llano apoya a la empresa eléctrica en el resguardo de la subestación de Guasdualito tras las fallas de esta semana.',
  ({ random }) =>
    `Instalado un punto de atención móvil en ${random.pick(SECTORS)}: orientación ciudadana, cedulación y recepción de denuncias hasta las 4:00 p. m.`,
  'Efectivos del COC-Llano realizaron una jornada de limpieza de drenajes en Guasdualito para prevenir inundaciones. #ApureEnPaz',
  ({ random }) => `Verificados ${random.int(30, 60)} establecimientos comerciales de Guasdualito en el operativo contra la especulación de precios. #COCLlano`,
  'Garantizamos el traslado seguro de la gandola de gas doméstico hasta los caseríos del sur del municipio Páez. #ApureEnPaz',
  'Patrullaje fluvial en el río Sarare para apoyar a las comunidades aisladas por la crecida. #FronteraSegura',
  'Recibimos el apoyo de los productores agropecuarios al plan de seguridad rural del municipio Páez. #ApureEnPaz',
];

export function commandChannel(random: Random, assets: DemoAssets): ChatSpec {
  const posts: Post[] = [];
  const pool = new LinePool(random.fork('command-lines'), ROUTINE);
  const rhythm = random.fork('command-times');
  for (const day of daysBetween('2026-09-08', '2026-09-22')) {
    const count = day === STRIKE_DAY ? 0 : rhythm.int(1, 3);
    for (const time of timesInDay(rhythm, day, count, OFFICE_HOURS)) {
      posts.push({ at: time, text: pool.draw({ day, at: time }), reactions: reactionsFor(rhythm, REACTIONS, 40) });
    }
  }
  posts.push(
    {
      at: at('2026-09-12', 10, 14, 51),
      text: '📋 **Jornada de atención integral** en Guasdualito: consultas médicas, vacunación, odontología y entrega de medicamentos a más de 300 familias llaneras. #ApureEnPaz',
      photo: asPhoto(assets.serviceCard),
      reactions: [{ emoji: '👍', count: 58 }, { emoji: '🇻🇪', count: 17 }],
    },
    {
      key: 'claim',
      at: at(STRIKE_DAY, 6, 30, 12),
      text: CLAIM_POST,
      photo: asPhoto(assets.claimCard),
      reactions: [{ emoji: '🇻🇪', count: 412 }, { emoji: '💪', count: 238 }, { emoji: '👏', count: 97 }, { emoji: '🤡', count: 41 }],
    },
    {
      key: 'video',
      at: at(STRIKE_DAY, 6, 35, 47),
      text: '🎥 Imágenes del ataque de precisión ejecutado esta madrugada contra el campamento del FGRS en el sector Caño Guaramacal. #ApureEnPaz',
      document: {
        content: 'too-big',
        fileName: 'ataque_precision_18sep.mp4',
        fileSize: 18734512,
        thumbnail: { path: 'files/ataque_precision_18sep.mp4_thumb.jpg', jpeg: assets.videoThumbnail.jpeg },
        mediaType: 'video_file',
        mimeType: 'video/mp4',
        durationSeconds: 48,
        width: 1280,
        height: 720,
      },
      reactions: [{ emoji: '🔥', count: 301 }, { emoji: '🇻🇪', count: 160 }],
    },
    {
      at: at(STRIKE_DAY, 6, 52, 3),
      text: 'El Comando reitera que la operación fue planificada con información de inteligencia y ejecutada con precisión, sin daños colaterales. Seguiremos informando. #COCLlano',
      reactions: [{ emoji: '👍', count: 122 }],
    },
    {
      at: at(STRIKE_DAY, 9, 5, 30),
      text: '📄 Descargue el **Comunicado Oficial N.º 047-2026** sobre la operación de esta madrugada en el municipio Páez.',
      document: {
        content: { path: 'files/Comunicado_047-2026.pdf', bytes: assets.communiquePdf },
        fileName: 'Comunicado_047-2026.pdf',
        fileSize: assets.communiquePdf.length,
        mimeType: 'application/pdf',
      },
    },
    {
      at: at(STRIKE_DAY, 11, 41, 19),
      text: 'Continúan las labores de registro y control de área en el sector Caño Guaramacal. Se solicita a la población no acercarse a la zona hasta nuevo aviso. #ApureEnPaz',
      reactions: [{ emoji: '👍', count: 64 }],
    },
    {
      key: 'denial-of-rumours',
      at: at(STRIKE_DAY, 15, 22, 8),
      text: '‼️ **Desmentimos** las cifras y versiones falsas que circulan en redes sociales. La única información oficial es la emitida por este Comando: **12 terroristas neutralizados**, entre ellos su cabecilla principal. #NoALaMentira',
      reactions: [{ emoji: '👍', count: 203 }, { emoji: '🤡', count: 77 }],
    },
    {
      at: at(STRIKE_DAY, 18, 14, 36),
      text: 'En rueda de prensa, el comandante del COC-Llano detalló que en el área del campamento se hallaron fusiles, explosivos, equipos de comunicación y documentación de la estructura. Las labores de identificación continúan. #COCLlano',
      reactions: [{ emoji: '💪', count: 140 }],
    },
    {
      key: 'balance',
      at: at('2026-09-19', 8, 2, 44),
      text: BALANCE_POST,
      photo: asPhoto(assets.balanceCard),
      reactions: [{ emoji: '🇻🇪', count: 287 }, { emoji: '💪', count: 151 }, { emoji: '🤡', count: 38 }],
    },
    {
      at: at('2026-09-19', 13, 7, 25),
      text: 'Agradecemos al pueblo de Guasdualito su apoyo y su colaboración con nuestros efectivos. Juntos construimos la paz del llano. #ApureEnPaz',
    },
    {
      at: at('2026-09-20', 10, 3, 58),
      text: 'Se mantiene el despliegue en el municipio Páez. La estructura del FGRS en el sector sur ha sido desarticulada. Invitamos a quienes aún integren esos grupos a entregarse. #ApureEnPaz',
    },
    {
      at: at('2026-09-21', 17, 31, 40),
      text: 'Las estructuras terroristas intentan ocultar su derrota con comunicados falsos. Los hechos hablan por sí solos. #NoALaMentira #COCLlano',
      reactions: [{ emoji: '👍', count: 96 }, { emoji: '🤡', count: 52 }],
    },
  );
  return { name: CHANNELS.command.name, type: 'public_channel', id: CHANNELS.command.bareId, firstMessageId: 1488, posts };
}
