/**
 * Three invented outlets' feeds under the reserved `.example` domain: one that only repeats
 * the official claim (RSS 2.0), one with its own reporting from two villages (Atom 1.0), one
 * that contradicts the claim (RSS 2.0). Written by hand as the common CMSs write them.
 */
import { at, rfc3339, rfc822, type LocalTime } from './clock.js';

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const cdata = (text: string): string => {
  if (text.includes(']]>')) throw new Error('CDATA cannot hold "]]>"');
  return `<![CDATA[${text}]]>`;
};

const NOTICE = 'SYNTHETIC demo feed produced by corroborate (scripts/make-demo.ts). The outlet, its staff and its stories are fictional.';

interface RssItem {
  title: string;
  slug: string;
  at: LocalTime;
  creator: string;
  categories: readonly string[];
  /** HTML. */
  description: string;
  /** HTML for content:encoded, where the CMS writes it. */
  content?: string;
  enclosure?: { url: string; length: number; type: string };
  guid: { value: string; permaLink: boolean };
}

function rss(channel: {
  title: string;
  site: string;
  self: string;
  description: string;
  lastBuild: LocalTime;
  generator: string;
  /** CDATA (WordPress) or entity-escaped HTML (others). */
  htmlStyle: 'cdata' | 'escaped';
  items: readonly RssItem[];
}): string {
  const html = (text: string): string => (channel.htmlStyle === 'cdata' ? cdata(text) : escapeXml(text));
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!-- ${NOTICE} -->`,
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `\t<title>${escapeXml(channel.title)}</title>`,
    `\t<atom:link href="${escapeXml(channel.self)}" rel="self" type="application/rss+xml" />`,
    `\t<link>${escapeXml(channel.site)}</link>`,
    `\t<description>${escapeXml(channel.description)}</description>`,
    `\t<lastBuildDate>${rfc822(channel.lastBuild)}</lastBuildDate>`,
    '\t<language>es-VE</language>',
    `\t<generator>${escapeXml(channel.generator)}</generator>`,
  ];
  for (const item of [...channel.items].sort((a, b) => (a.at < b.at ? 1 : -1))) {
    const link = `${channel.site}${item.slug}`;
    lines.push(
      '\t<item>',
      `\t\t<title>${escapeXml(item.title)}</title>`,
      `\t\t<link>${escapeXml(link)}</link>`,
      `\t\t<dc:creator>${channel.htmlStyle === 'cdata' ? cdata(item.creator) : escapeXml(item.creator)}</dc:creator>`,
      `\t\t<pubDate>${rfc822(item.at)}</pubDate>`,
      ...item.categories.map((c) => `\t\t<category>${channel.htmlStyle === 'cdata' ? cdata(c) : escapeXml(c)}</category>`),
      `\t\t<guid isPermaLink="${String(item.guid.permaLink)}">${escapeXml(item.guid.value)}</guid>`,
      `\t\t<description>${html(item.description)}</description>`,
    );
    if (item.content !== undefined) lines.push(`\t\t<content:encoded>${cdata(item.content)}</content:encoded>`);
    if (item.enclosure !== undefined) {
      lines.push(`\t\t<enclosure url="${escapeXml(item.enclosure.url)}" length="${item.enclosure.length}" type="${item.enclosure.type}" />`);
    }
    lines.push('\t</item>');
  }
  lines.push('</channel>', '</rss>', '');
  return lines.join('\n');
}

/** Portal Llanero: repeats the official version, attributed to it, and nothing more. */
export function portalLlaneroFeed(): string {
  const site = 'https://portalllanero.example/';
  let post = 18690;
  const item = (slug: string, when: LocalTime, title: string, creator: string, categories: string[], description: string, content?: string): RssItem => {
    post += 7;
    return { title, slug, at: when, creator, categories, description, ...(content === undefined ? {} : { content }), guid: { value: `${site}?p=${post}`, permaLink: false } };
  };
  const items: RssItem[] = [
    item('2026/09/10/racionamiento-electrico-bloques-semana/', at('2026-09-10', 14, 2, 0), 'Racionamiento eléctrico: conozca los bloques para esta semana en Guasdualito', 'Redacción Portal Llanero', ['Servicios', 'Guasdualito'],
      '<p>La empresa eléctrica informó los horarios de <strong>racionamiento</strong> por sectores en Guasdualito durante esta semana, por trabajos de mantenimiento en la red.</p>'),
    item('2026/09/12/festival-joropo-coleo-guasdualito/', at('2026-09-12', 10, 31, 0), 'Festival de joropo y coleo reúne a cientos de visitantes en Guasdualito', 'A. Villamizar', ['Cultura'],
      '<p>Con arpa, cuatro y maracas arrancó el festival en la manga de coleo. Las autoridades regionales destacaron la <em>tranquilidad</em> con la que se desarrolló el evento.</p>'),
    item('2026/09/14/arranco-ano-escolar-apure/', at('2026-09-14', 8, 0, 0), 'Arrancó el año escolar 2026-2027 en Apure', 'Redacción Portal Llanero', ['Educación', 'Apure'],
      '<p>Según fuentes oficiales, el inicio de clases se cumplió con normalidad en todo el estado, con el acompañamiento de los cuerpos de seguridad en las vías rurales.</p>'),
    item('2026/09/15/accidente-autobus-troncal-5/', at('2026-09-15', 18, 22, 0), 'Accidente de autobús en la Troncal 5 deja ocho heridos', 'C. Mendoza', ['Sucesos'],
      '<p>Un autobús se salió de la vía en la Troncal 5 en sentido a Barinas. Los ocho heridos fueron trasladados a centros de salud de la zona y se reportan estables.</p>'),
    item('2026/09/16/productores-perdidas-inundaciones/', at('2026-09-16', 11, 15, 0), 'Productores de Páez reportan pérdidas de pastizales por las inundaciones', 'A. Villamizar', ['Agro', 'Apure'],
      '<p>Ganaderos del municipio Páez pidieron apoyo para trasladar reses a tierras altas. La gobernación anunció un plan de atención.</p>'),
    item('2026/09/17/crecida-sarare-proteccion-civil-alerta/', at('2026-09-17', 16, 40, 0), 'Crecida del Sarare: Protección Civil mantiene la alerta en el municipio Páez', 'Redacción Portal Llanero', ['Regionales', 'Clima'],
      '<p>El nivel del río Sarare se mantiene por encima de la cota de alerta. Las familias de la ribera permanecen en refugios temporales.</p>'),
    {
      ...item('2026/09/18/coc-llano-neutraliza-12-integrantes-fgrs/', at('2026-09-18', 7, 12, 0), 'COC-Llano neutraliza a 12 integrantes del FGRS en ataque de precisión en Apure', 'Redacción Portal Llanero', ['Sucesos', 'Seguridad', 'Apure'],
        '<p><strong>Según el Comando de Operaciones Conjuntas del Llano</strong>, a las 02:10 de este viernes se ejecutó un ataque aéreo de precisión contra un campamento del FGRS en el sector Caño Guaramacal, municipio Páez.</p>',
        '<p><strong>Guasdualito.</strong> Según el Comando de Operaciones Conjuntas del Llano (COC-Llano), a las 02:10 de este viernes 18 de septiembre sus fuerzas ejecutaron un ataque aéreo de precisión con medios no tripulados contra el campamento del grupo armado autodenominado Frente Guerrillero Río Sarare (FGRS), en el sector Caño Guaramacal, a unos 12 kilómetros al sureste de Guasdualito.</p>\n<p>De acuerdo con el comunicado oficial, fueron <strong>neutralizados 12 integrantes</strong> de la estructura, entre ellos su cabecilla principal. El Comando aseguró que la operación se ejecutó "sin afectar a la población civil".</p>\n<p>Fuentes oficiales indicaron que continúan las labores de registro en la zona.</p>'),
      enclosure: { url: 'https://portalllanero.example/wp-content/uploads/2026/09/comunicado-coc-llano-18-09.jpg', length: 70394, type: 'image/jpeg' },
    },
    item('2026/09/18/fuentes-oficiales-cabecilla-fgrs/', at('2026-09-18', 13, 5, 0), 'Fuentes oficiales: entre los abatidos estaría el cabecilla principal del FGRS', 'C. Mendoza', ['Sucesos', 'Seguridad'],
      '<p>Fuentes oficiales consultadas por este medio confirmaron que entre los <strong>12 abatidos</strong> en Caño Guaramacal se encontraría el cabecilla principal del FGRS. El Comando desmintió las "cifras falsas" que circulan en redes.</p>',
      '<p>Fuentes oficiales consultadas por Portal Llanero confirmaron que entre los 12 integrantes del FGRS abatidos en la madrugada en el sector Caño Guaramacal se encontraría el cabecilla principal de la estructura.</p>\n<p>Según el COC-Llano, la operación fue "planificada con información de inteligencia". Las mismas fuentes pidieron a la población informarse solo por los canales oficiales.</p>'),
    item('2026/09/19/balance-oficial-14-fusiles-12-neutralizados/', at('2026-09-19', 9, 10, 0), 'Balance oficial: 14 fusiles incautados y 12 terroristas neutralizados en Caño Guaramacal', 'Redacción Portal Llanero', ['Sucesos', 'Seguridad'],
      '<p>El COC-Llano presentó el <strong>balance operativo</strong> del ataque del 18 de septiembre: 12 integrantes del FGRS neutralizados, 14 fusiles y 3 radios incautados, y un depósito de explosivos destruido, según el parte oficial.</p>'),
    item('2026/09/20/gobernacion-destaca-operacion-coc-llano/', at('2026-09-20', 9, 30, 0), 'Gobernación destaca la operación del COC-Llano en el sur de Páez', 'A. Villamizar', ['Política', 'Apure'],
      '<p>Las autoridades regionales felicitaron al Comando por la operación que, según el balance oficial, "desarticuló" la estructura del FGRS en el sur del municipio Páez.</p>'),
    item('2026/09/21/coc-llano-estructuras-ocultan-derrota/', at('2026-09-21', 18, 5, 0), 'COC-Llano: "las estructuras terroristas intentan ocultar su derrota"', 'C. Mendoza', ['Sucesos', 'Seguridad'],
      '<p>El Comando respondió al comunicado del FGRS y reiteró, según su canal oficial, que <strong>"los hechos hablan por sí solos"</strong>.</p>'),
  ];
  return rss({
    title: 'Portal Llanero Noticias',
    site,
    self: `${site}feed/`,
    description: 'Noticias de Apure y el llano venezolano',
    lastBuild: at('2026-09-21', 18, 5, 0),
    generator: 'https://wordpress.org/?v=6.6.2',
    htmlStyle: 'cdata',
    items,
  });
}

/** La Sabana Digital: residents who say the camp was empty; no bodies seen. */
export function laSabanaFeed(): string {
  const site = 'https://lasabana.example/';
  const item = (slug: string, when: LocalTime, title: string, creator: string, categories: string[], description: string): RssItem => ({
    title,
    slug,
    at: when,
    creator,
    categories,
    description,
    guid: { value: `${site}${slug}`, permaLink: true },
  });
  const items: RssItem[] = [
    item('2026/09/09/cola-gasolina-ocho-cuadras/', at('2026-09-09', 15, 0, 0), 'La cola de la gasolina supera las ocho cuadras en Guasdualito', 'Redacción La Sabana', ['Servicios'],
      '<p>Conductores durmieron en sus carros para surtir. "Esto es todas las semanas", dijo un taxista.</p>'),
    item('2026/09/12/lluvias-calles-anegadas/', at('2026-09-12', 9, 0, 0), 'Lluvias dejan calles anegadas en el centro de Guasdualito', 'L. Guerrero', ['Clima', 'Guasdualito'],
      '<p>El aguacero de la noche tapó alcantarillas y huecos en la avenida principal.</p>'),
    item('2026/09/14/beisbol-menor-campeon-regional/', at('2026-09-14', 17, 30, 0), 'Béisbol menor: Guasdualito, campeón regional infantil', 'Deportes La Sabana', ['Deportes'],
      '<p>Los peloteritos ganaron la final 6-4 en un juego que se alargó por la lluvia.</p>'),
    item('2026/09/16/precio-queso-llanero/', at('2026-09-16', 12, 0, 0), 'El precio del queso llanero se dispara por las inundaciones', 'L. Guerrero', ['Economía', 'Agro'],
      '<p>El kilo ya pasa de los 7 dólares en el mercado municipal. Productores culpan a los potreros inundados y a los fletes.</p>'),
    item('2026/09/17/otra-noche-sin-luz/', at('2026-09-17', 20, 0, 0), 'Otra noche sin luz en varios sectores de Guasdualito', 'Redacción La Sabana', ['Servicios'],
      '<p>Vecinos de Los Próceres y Los Araguaneyes reportaron cortes de más de cinco horas.</p>'),
    item('2026/09/18/explosiones-sur-paez-version-oficial-preguntas/', at('2026-09-18', 8, 15, 0), 'Explosiones en el sur de Páez: la versión oficial y las preguntas', 'J. Rivas', ['Sucesos', 'Análisis'],
      '<p>El Comando habla de 12 muertos en un campamento del FGRS. Vecinos confirman las explosiones, pero <strong>nadie ha podido ver el lugar</strong>. ¿Qué había en Caño Guaramacal?</p>'),
    item('2026/09/18/habitantes-campamento-abandonado/', at('2026-09-18', 15, 30, 0), 'Habitantes aseguran que el "campamento" estaba abandonado desde hace meses', 'J. Rivas', ['Sucesos', 'Apure'],
      '<p>Vecinos de Caño Guaramacal y La Ceibita del Sarare dijeron a La Sabana Digital que el lugar señalado por el Comando <strong>estaba abandonado desde hace meses</strong>. "Allá no había nadie, eso está solo desde antes de las lluvias", dijo un productor de la zona.</p><p>Según los testimonios, las explosiones de la madrugada <em>cayeron en una zona vacía</em> de sabana, detrás del caño. Ninguna de las personas consultadas ha visto cuerpos ni movimiento de ambulancias hacia ese punto.</p><p>El Comando no respondió a las preguntas de este medio.</p>'),
    {
      ...item('2026/09/19/vecinos-describen-crater-sabana/', at('2026-09-19', 19, 45, 0), 'Vecinos describen un cráter en sabana abierta: "ahí no había nada"', 'J. Rivas', ['Sucesos', 'Apure'],
        '<p>Habitantes que se acercaron a la zona describen un hueco grande en la sabana, lejos de cualquier vivienda. <strong>No vieron restos de construcciones ni cuerpos.</strong> El área sigue acordonada.</p>'),
      enclosure: { url: 'https://lasabana.example/media/2026/09/sabana-caño-guaramacal-ilustracion.jpg', length: 88213, type: 'image/jpeg' },
    },
    item('2026/09/21/fgrs-rompe-silencio-niega-bajas/', at('2026-09-21', 17, 10, 0), 'El FGRS rompe el silencio y niega las bajas', 'Redacción La Sabana', ['Sucesos'],
      '<p>Tres días después, el grupo publicó un comunicado en el que dice que las bombas "cayeron sobre sabana vacía". No aporta pruebas.</p>'),
  ];
  return rss({
    title: 'La Sabana Digital',
    site,
    self: `${site}rss`,
    description: 'Periodismo desde el llano',
    lastBuild: at('2026-09-21', 17, 12, 40),
    generator: 'La Sabana CMS 2.3',
    htmlStyle: 'escaped',
    items,
  });
}

interface AtomEntry {
  title: string;
  slug: string;
  published: LocalTime;
  updated?: LocalTime;
  authors: readonly string[];
  categories: readonly { term: string; label: string }[];
  summary: string;
  content: string;
  enclosure?: { href: string; length: number; type: string };
}

/** Cuaderno de Frontera: its own reporters in two villages. */
export function cuadernoDeFronteraFeed(): string {
  const site = 'https://cuadernodefrontera.example/';
  const entries: AtomEntry[] = [
    {
      title: '¿Quién manda en el sur de Páez? Normas de convivencia y miedo',
      slug: '2026/09/09/quien-manda-sur-paez/',
      published: at('2026-09-09', 12, 0, 0),
      authors: ['R. Salcedo'],
      categories: [{ term: 'conflicto', label: 'Conflicto' }],
      summary: 'Los avisos del FGRS a los caseríos y lo que dicen los vecinos.',
      content: '<p>En los caseríos al sur de Guasdualito circulan los "avisos" del FGRS: horarios de cierre para las bodegas, prohibiciones y sanciones. Los vecinos hablan poco y en voz baja.</p>',
    },
    {
      title: 'Podcast Frontera Adentro, episodio 31: el llano sin luz',
      slug: '2026/09/11/podcast-frontera-adentro-31/',
      published: at('2026-09-11', 16, 0, 0),
      authors: ['Equipo Cuaderno de Frontera'],
      categories: [{ term: 'podcast', label: 'Podcast' }, { term: 'servicios', label: 'Servicios' }],
      summary: 'Racionamiento, neveras vacías y un pueblo que se organiza.',
      content: '<p>En este episodio hablamos con comerciantes y docentes de Guasdualito sobre los cortes de luz.</p>',
      enclosure: { href: 'https://cuadernodefrontera.example/audio/frontera-adentro-031.mp3', length: 28411904, type: 'audio/mpeg' },
    },
    {
      title: 'El Sarare se desborda: crónica desde la ribera',
      slug: '2026/09/13/sarare-se-desborda-cronica/',
      published: at('2026-09-13', 10, 0, 0),
      authors: ['M. Parra'],
      categories: [{ term: 'clima', label: 'Clima' }],
      summary: 'Familias que lo sacan todo en curiara y duermen en la escuela.',
      content: '<p>El agua llegó de noche. "Cuando uno oye el río así, ya sabe", dice una señora mientras sube los corotos a una curiara.</p>',
    },
    {
      title: 'Gasolina por placa: un día en la cola de Guasdualito',
      slug: '2026/09/15/gasolina-por-placa-cola/',
      published: at('2026-09-15', 14, 0, 0),
      authors: ['R. Salcedo'],
      categories: [{ term: 'economia', label: 'Economía' }],
      summary: 'Catorce horas de espera y un tanque a medias.',
      content: '<p>La cola empieza antes del amanecer. Un mototaxista cuenta que perdió dos días de trabajo esta semana.</p>',
    },
    {
      title: 'Las escuelas de la ribera, entre lanchas y barro',
      slug: '2026/09/17/escuelas-ribera-lanchas-barro/',
      published: at('2026-09-17', 9, 0, 0),
      authors: ['M. Parra'],
      categories: [{ term: 'educacion', label: 'Educación' }],
      summary: 'El año escolar empezó, pero no para todos.',
      content: '<p>En La Ceibita del Sarare los niños llegan en lancha. La maestra los espera con el cuaderno de asistencia y una toalla.</p>',
    },
    {
      title: 'Vecinos de La Ceibita y Caño Guaramacal confirman explosiones de madrugada; la cifra de muertos no está verificada',
      slug: '2026/09/18/explosiones-madrugada-sur-paez/',
      published: at('2026-09-18', 11, 40, 0),
      updated: at('2026-09-18', 14, 5, 0),
      authors: ['R. Salcedo', 'M. Parra'],
      categories: [{ term: 'conflicto', label: 'Conflicto' }, { term: 'verificacion', label: 'Verificación' }],
      summary: 'Nuestros reporteros hablaron con residentes de dos caseríos: las explosiones ocurrieron alrededor de las 2:15. Un ambulatorio atendió a tres heridos leves. Nadie ha podido confirmar los 12 muertos que anuncia el Comando.',
      content:
        '<p>Reporteros de <em>Cuaderno de Frontera</em> hablaron este viernes con once residentes de <strong>La Ceibita del Sarare</strong> y <strong>Caño Guaramacal</strong>, al sureste de Guasdualito. Todos dicen haber escuchado explosiones en la madrugada; la mayoría las sitúa <strong>alrededor de las 2:15</strong>, y varios hablan de dos detonaciones seguidas y de un zumbido previo "como de dron".</p>\n' +
        '<p>"Se cayeron los vidrios de la ventana y se fue la luz", contó una vecina de La Ceibita. En Caño Guaramacal, un productor dijo que vio "un resplandor naranja detrás del caño" y humo al amanecer.</p>\n' +
        '<p>El personal del <strong>ambulatorio rural de La Ceibita</strong> confirmó que en la madrugada atendió a <strong>tres personas con heridas leves</strong>, dos de ellas por vidrios rotos. No recibió fallecidos.</p>\n' +
        '<p>El Comando de Operaciones Conjuntas del Llano afirma que murieron 12 integrantes del FGRS. <strong>Cuaderno de Frontera no ha podido verificar esa cifra</strong>: la zona está acordonada y ninguno de los residentes consultados vio cuerpos. El FGRS no se ha pronunciado.</p>\n' +
        '<p><em>Actualización 14:05:</em> se corrigió el número de residentes entrevistados (once, no nueve).</p>',
    },
    {
      title: 'Lo que sabemos y lo que no sobre las explosiones del 18 de septiembre',
      slug: '2026/09/19/lo-que-sabemos-explosiones-18-septiembre/',
      published: at('2026-09-19', 10, 0, 0),
      authors: ['Equipo Cuaderno de Frontera'],
      categories: [{ term: 'verificacion', label: 'Verificación' }],
      summary: 'Confirmado: hubo explosiones cerca de Caño Guaramacal pasadas las 2:00. Sin confirmar: muertos, identidad de las víctimas, que hubiera un campamento activo.',
      content:
        '<ul><li><strong>Confirmado</strong> por testimonios independientes: explosiones entre las 2:05 y las 2:30 al sureste de Guasdualito.</li><li><strong>Sin confirmar</strong>: los 12 muertos, el cabecilla, las armas incautadas (solo fuente oficial).</li><li><strong>Falso</strong>: la cifra de "30 muertos" que circuló por WhatsApp no tiene ninguna fuente.</li><li><strong>Cuidado</strong>: una imagen de un incendio que circula como "el campamento" parece anterior; la estamos revisando.</li></ul>',
    },
    {
      title: 'Sin acceso a Caño Guaramacal: lo que no se puede verificar',
      slug: '2026/09/20/sin-acceso-cano-guaramacal/',
      published: at('2026-09-20', 12, 30, 0),
      updated: at('2026-09-20', 15, 10, 0),
      authors: ['R. Salcedo'],
      categories: [{ term: 'conflicto', label: 'Conflicto' }],
      summary: 'Dos días después, la zona sigue cerrada a la prensa y a los productores.',
      content: '<p>Militares impiden el paso por la vía de tierra hacia el caño. Ningún familiar ha reclamado cuerpos en Guasdualito, según personal del hospital.</p>',
    },
    {
      title: 'El FGRS niega bajas; sigue sin haber pruebas independientes de ninguna de las dos versiones',
      slug: '2026/09/21/fgrs-niega-bajas-sin-pruebas/',
      published: at('2026-09-21', 20, 0, 0),
      authors: ['Equipo Cuaderno de Frontera'],
      categories: [{ term: 'conflicto', label: 'Conflicto' }],
      summary: 'El grupo reaparece en su canal tras tres días de silencio.',
      content: '<p>El canal del FGRS, que no publicaba nada desde la madrugada del 18, difundió un comunicado que niega las bajas. Ni el Comando ni el FGRS han mostrado pruebas.</p>',
    },
  ];
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<!-- ${NOTICE} -->`,
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="es-VE">',
    '  <title>Cuaderno de Frontera</title>',
    '  <subtitle>Reportería independiente desde la frontera llanera</subtitle>',
    `  <link rel="alternate" type="text/html" href="${site}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${site}atom.xml"/>`,
    '  <id>tag:cuadernodefrontera.example,2024:feed</id>',
    `  <updated>${rfc3339(at('2026-09-21', 20, 0, 0))}</updated>`,
    '  <generator uri="https://gohugo.io/" version="0.134.0">Hugo</generator>',
    '  <rights>© 2026 Cuaderno de Frontera (ficticio)</rights>',
  ];
  for (const entry of [...entries].sort((a, b) => (a.published < b.published ? 1 : -1))) {
    lines.push(
      '  <entry>',
      `    <title type="text">${escapeXml(entry.title)}</title>`,
      `    <link rel="alternate" type="text/html" href="${escapeXml(`${site}${entry.slug}`)}"/>`,
    );
    if (entry.enclosure !== undefined) {
      lines.push(`    <link rel="enclosure" type="${entry.enclosure.type}" length="${entry.enclosure.length}" href="${escapeXml(entry.enclosure.href)}"/>`);
    }
    lines.push(
      `    <id>tag:cuadernodefrontera.example,2026:${entry.slug.replace(/\/$/, '')}</id>`,
      `    <published>${rfc3339(entry.published)}</published>`,
      `    <updated>${rfc3339(entry.updated ?? entry.published)}</updated>`,
      ...entry.authors.map((name) => `    <author><name>${escapeXml(name)}</name></author>`),
      ...entry.categories.map((c) => `    <category term="${escapeXml(c.term)}" label="${escapeXml(c.label)}"/>`),
      `    <summary type="html">${escapeXml(`<p>${entry.summary}</p>`)}</summary>`,
      `    <content type="html">${escapeXml(entry.content)}</content>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}
