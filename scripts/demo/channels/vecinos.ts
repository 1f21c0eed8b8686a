/**
 * A residents' public supergroup, exported on its own (a single-chat export). The people are
 * invented; their accounts look like real ones (`user…` ids), so the tool pseudonymises them.
 * Here are the eyewitnesses of the night of the 18th, in their own words, with forwards of
 * the community channel's posts coming back into the group.
 */
import { asPhoto, type DemoAssets } from '../assets.js';
import { at } from '../clock.js';
import { ALERTA_LANDFILL_CAPTION, ALERTA_SMOKE_CAPTION, ALERTA_URGENTE, CLAIM_POST } from '../relayed.js';
import { CHANNELS, STRIKE_DAY, peer } from '../story.js';
import type { ChatSpec, Peer, Post } from '../telegram-export.js';

const person = (name: string, id: number): Peer => ({ name, id: `user${id}` });

const P = {
  admin: person('Admin Vecinos GDT', 5550000101),
  yusmary: person('Yusmary R.', 5550001234),
  chuo: person('Chuo el Llanero', 5550001871),
  mariCarmen: person('Mari Carmen 🌻', 5550002290),
  ender: person('Ender J.', 5550003317),
  gocho: person('Gocho Pérez', 5550004102),
  nelly: person('Nelly B.', 5550004958),
  jhonny: person('Jhonny Moto Taxi', 5550005562),
  omaira: person('La Seño Omaira', 5550006023),
  deivis: person('Deivis 🐂', 5550007748),
  abuela: person('Abuela Carmen', 5550008834),
  wilmer: person('Wilmer Ceibita', 5550009215),
  rosangela: person('Rosángela C.', 5550009870),
  kevin: person('Kevin_07', 5550010456),
  luis: person('Pana Luis', 5550011390),
  yorman: person('Yorman T.', 5550012288),
  karla: person('Karla M.', 5550012731),
} as const;

type Extra = Omit<Post, 'at' | 'text' | 'from'>;

export function vecinosGroup(assets: DemoAssets): ChatSpec {
  const posts: Post[] = [];
  const say = (day: string, time: string, who: Peer, text: string, extra: Extra = {}): void => {
    const [hh, mm, ss] = time.split(':').map(Number);
    posts.push({ at: at(day, hh ?? 0, mm ?? 0, ss ?? 0), from: who, text, ...extra });
  };
  const service = (day: string, time: string, spec: NonNullable<Post['service']>): void => {
    const [hh, mm, ss] = time.split(':').map(Number);
    posts.push({ at: at(day, hh ?? 0, mm ?? 0, ss ?? 0), text: '', service: spec });
  };

  // Ordinary days.
  let day = '2026-09-15';
  say(day, '06:12:40', P.abuela, 'Buenos días vecinos, bendiciones para todos 🙏🌻');
  say(day, '06:31:05', P.chuo, 'buenas! alguien sabe si hay gasolina en la bomba de la entrada?');
  say(day, '06:40:22', P.jhonny, 'chuo ayer habia cola desde las 4 de la mañana, ve temprano', { replyTo: 'v-gas-q' });
  say(day, '07:15:48', P.omaira, 'Recuerden representantes: mañana hay reunión en la escuela de la Ceibita a las 8. Es importante por lo del transporte de los niños.');
  say(day, '09:02:11', P.nelly, 'Se perdió mi gata, es blanca con una mancha negra en la cara, por la calle Páez 😢 si la ven me avisan porfa');
  service(day, '10:20:30', { action: 'invite_members', members: [P.yorman.name], actor: P.admin });
  say(day, '10:21:02', P.admin, 'Bienvenido Yorman 👋 lean las normas en el mensaje fijado');
  say(day, '12:44:19', P.deivis, 'el rio sarare sigue subiendo, en la ribera ya la gente sacó el ganado');
  say(day, '13:02:57', P.rosangela, 'En Guaramacal el agua llegó hasta la carretera, los niños no pudieron ir a clases hoy');
  say(day, '17:35:40', P.kevin, 'alguien vio el partido? burda de malo el arbitro 😂');
  say(day, '17:38:02', P.luis, 'kevin ese arbitro estaba comprao vale 😂😂', { replyTo: 'v-futbol' });
  say(day, '20:11:26', P.gocho, 'se fue la luz otra vez en los proceres 🙄');
  say(day, '20:13:09', P.mariCarmen, 'aqui en los araguaneyes tambien, ya van 3 veces esta semana');
  day = '2026-09-16';
  say(day, '06:58:33', P.yusmary, 'Buen dia! volvio la luz a las 3 de la mañana por si alguien pregunta');
  say(day, '08:20:14', P.nelly, 'Apareció mi gata!! estaba en el techo del vecino 😅 gracias a todos');
  say(day, '11:47:50', P.chuo, 'Cuanto esta el kilo de queso en el mercado? me dijeron que 7 dolares, que arrecho');
  say(day, '11:52:03', P.abuela, 'A 7 y el suero a 3 mijo. Todo caro', { replyTo: 'v-queso' });
  say(day, '15:30:27', P.ender, 'pilas que estan robando motos otra vez en el centro, a mi primo casi se la quitan');
  say(day, '15:33:44', P.deivis, 'eso es el tren ese que anda por ahi, dicen que lo maneja un pran desde la carcel');
  say(day, '22:05:12', P.jhonny, 'anoche se escucho plomo por los proceres, dicen q eran malandros peleando');
  say(day, '22:07:58', P.luis, 'si yo tambien lo escuche, como 6 tiros');
  day = '2026-09-17';
  say(day, '07:03:45', P.omaira, 'Buenos días. Hoy sí hay clases en la Ceibita, llegó la lancha para los niños de la ribera 🙌');
  say(day, '09:40:08', P.wilmer, 'alguien tiene una bomba de agua que me preste? se me inundo el patio');
  say(day, '09:55:30', P.chuo, 'wilmer yo tengo una, pasa por ella en la tarde', { replyTo: 'v-bomba' });
  say(day, '14:12:51', P.kevin, 'que calor tan arrecho 🥵🥵');
  say(day, '19:26:33', P.deivis, 'esta semana han pasado drones por el sur, yo los vi de noche con una lucecita roja');
  say(day, '19:30:02', P.gocho, 'eso son los del gobierno vigilando, no pasa nada', { replyTo: 'v-drones' });
  say(day, '21:48:15', P.yusmary, 'buenas noches vecinos que descansen 🙏');

  // The night of the 18th.
  day = STRIKE_DAY;
  say(day, '02:11:48', P.wilmer, 'q fue esoooo?? 😱😱 retumbó todo aqui en la ceibita', { key: 'v-first' });
  say(day, '02:12:10', P.yusmary, 'Dios mio se escucho un bombazo');
  say(day, '02:12:35', P.chuo, 'bombaaaa 💣 se me cayo el vaso de la mesa');
  say(day, '02:12:58', P.mariCarmen, 'Se fue la luz en Los Araguaneyes 😰 alguien sabe q pasó?');
  say(day, '02:13:30', P.ender, "yo estaba despierto x el calor y senti como q temblo la casa. fue pa'l lado del caño");
  say(day, '02:14:05', P.rosangela, 'aqui en guaramacal fue durisimo chamo, los niños se despertaron llorando', { replyTo: 'v-first' });
  say(day, '02:14:40', P.kevin, 'fueron 2, yo escuche 2 seguiditas');
  say(day, '02:15:12', P.abuela, 'Virgen santísima, qué está pasando');
  say(day, '02:16:20', P.gocho, 'Yo escuché como un zumbido antes, como un dron. Despues el pum. Eran como las 2 y 10', { edited: at(day, 2, 19, 4), key: 'v-drone' });
  say(day, '02:17:03', P.jhonny, 'estoy en el centro y aqui casi no se escucho, solo un retumbo lejos');
  say(day, '02:18:44', P.wilmer, "se ve un resplandor naranja pa'l lado del caño");
  say(day, '02:19:30', P.wilmer, '', { location: { latitude: 7.181734, longitude: -70.667215 } });
  say(day, '02:20:02', P.nelly, 'Qué arrecho esto, no se puede vivir tranquilo');
  say(day, '02:21:15', P.deivis, 'eso fue el ejercito seguro, con los drones que andaban esta semana');
  say(day, '02:22:30', P.luis, 'no especulen, esperen información oficial');
  say(day, '02:24:10', P.mariCarmen, ALERTA_URGENTE, { forwardedFrom: peer('alertaLlanera') });
  say(day, '02:25:40', P.ender, 'ya lo sacó Alerta Llanera');
  say(day, '02:27:02', P.kevin, '', { document: { content: 'not-included', fileName: 'audio_2026-09-18_02-26-51.ogg', fileSize: 96120, mediaType: 'voice_message', mimeType: 'audio/ogg', durationSeconds: 14 } });
  say(day, '02:29:13', P.yusmary, 'mi esposo dice q fue como a las 2:15, el estaba viendo la hora en el telefono');
  say(day, '02:31:55', P.rosangela, 'todavia huele a quemado por aqui');
  say(day, '02:35:20', P.omaira, 'Mañana no creo que haya clases en la escuela de la Ceibita, yo les aviso a los representantes.');
  say(day, '02:41:07', P.wilmer, "ahorita mismo desde mi casa, se ve el humo pa'l lado del caño 😳", { key: 'v-smoke', photo: asPhoto(assets.smokeOriginal) });
  say(day, '02:42:30', P.chuo, 'uff eso fue grande', { replyTo: 'v-smoke' });
  say(day, '02:43:10', P.nelly, 'Wilmer cuidate mucho, no salgas', { replyTo: 'v-smoke' });
  say(day, '02:45:00', P.wilmer, 'tranquila vecina aqui estamos, todo el mundo despierto en la calle');
  say(day, '02:52:18', P.abuela, 'yo lo escuché como a las 11:40 de la noche, estaba viendo la novela', { key: 'v-2340' });
  say(day, '02:53:40', P.ender, 'no señora eso fue ahorita, pasadas las 2', { replyTo: 'v-2340' });
  say(day, '03:02:44', P.mariCarmen, ALERTA_SMOKE_CAPTION, { forwardedFrom: peer('alertaLlanera'), photo: asPhoto(assets.smokeChannelCopy) });
  say(day, '03:03:30', P.wilmer, 'esa es mi foto jajaja se la mandé a Alerta Llanera');
  say(day, '03:08:05', P.deivis, 'dicen que fueron 30 muertos 😱', { key: 'v-30' });
  say(day, '03:09:00', P.luis, 'de donde sacas eso? no riegues cadenas', { replyTo: 'v-30' });
  say(day, '03:10:20', P.deivis, 'me llego por whatsapp de un grupo de El Amparo');
  say(day, '03:40:12', P.gocho, ALERTA_LANDFILL_CAPTION, { key: 'v-landfill', forwardedFrom: peer('alertaLlanera'), photo: asPhoto(assets.landfillRecycled) });
  say(day, '03:41:50', P.kevin, 'esa foto no es de hoy chamo, eso parece lo del vertedero en mayo', { replyTo: 'v-landfill' });
  say(day, '03:43:00', P.gocho, 'ah verdad se parece 🤔');
  say(day, '03:47:26', P.rosangela, 'eso es mentira que allá hay un campamento, allá no habia nadie, eso está solo hace meses', { key: 'v-nobody' });
  say(day, '04:34:00', P.jhonny, "pasaron unas camionetas verdes pa'l sur, van rapidito");
  say(day, '05:02:19', P.abuela, 'nadie durmió esta noche 😔');
  say(day, '06:36:22', P.yusmary, CLAIM_POST, { forwardedFrom: peer('command'), photo: asPhoto(assets.claimCard) });
  say(day, '06:40:05', P.chuo, '12 muertos dicen 🤔');
  say(day, '06:42:31', P.rosangela, 'Mentira, aqui nadie ha visto muertos. Y el campamento ese estaba vacio');
  say(day, '06:45:10', P.admin, '📌 Les recuerdo las normas del grupo: no compartir fotos de heridos ni de fallecidos, y no riegan cadenas sin fuente. Gracias 🙏', { key: 'v-rules' });
  service(day, '06:46:02', { action: 'pin_message', messageKey: 'v-rules', actor: P.admin });
  say(day, '07:05:44', P.admin, '', {
    poll: {
      question: '¿Escucharon la explosión?',
      closed: false,
      answers: [
        { text: 'Sí, durísimo', voters: 41 },
        { text: 'Sí, pero lejos', voters: 23 },
        { text: 'No escuché nada', voters: 9 },
        { text: 'Escuché otra cosa (cohetes, trueno)', voters: 4 },
      ],
    },
  });
  service(day, '07:31:17', { action: 'join_group_by_link', inviter: P.admin.name, actor: P.karla });
  say(day, '07:33:02', P.karla, 'buenas, soy de Guasdualito pero tengo familia en Caño Guaramacal, alguien sabe como está la gente por allá?');
  say(day, '07:40:41', P.rosangela, 'Karla aqui estamos bien gracias a Dios, solo sin luz y sin señal', { replyTo: 'v-karla' });
  say(day, '08:10:09', P.nelly, 'alguien sabe si hay heridos? mi comadre vive en guaramacal y no contesta');
  say(day, '08:25:47', P.rosangela, 'Nelly tu comadre está bien, la vi ahorita en la bodega. Es que no hay señal', { replyTo: 'v-comadre' });
  say(day, '09:15:30', P.omaira, 'Confirmado: hoy no hay clases en las escuelas de La Ceibita y Caño Guaramacal.');
  say(day, '10:40:03', P.mariCarmen, 'dicen que en el ambulatorio de la Ceibita atendieron 3 heridos, gente que se cortó con vidrios de las ventanas');
  say(day, '12:05:38', P.jhonny, "asi esta la via pa'l caño, puros militares, no dejan pasar", { photo: { jpeg: 'not-included', width: 1280, height: 960, bytes: 148220 } });
  say(day, '13:01:16', P.chuo, '', { document: { content: 'not-included', fileName: 'sticker.webp', fileSize: 31822, mediaType: 'sticker', stickerEmoji: '😱', width: 512, height: 512 } });
  say(day, '14:30:55', P.abuela, 'Dios nos ampare 🙏');
  say(day, '16:02:12', P.luis, '[La Sabana Digital](https://lasabana.example/2026/09/18/habitantes-campamento-abandonado/) dice que el campamento estaba abandonado hace meses y que nadie ha visto cuerpos');
  say(day, '16:10:40', P.deivis, 'yo si vi gente armada por alla en agosto', { key: 'v-agosto' });
  say(day, '16:12:22', P.rosangela, 'en agosto capaz, pero ahorita no habia nadie', { replyTo: 'v-agosto' });
  say(day, '19:40:09', P.wilmer, 'primera noche en años que me da miedo dormir');
  say(day, '21:10:50', P.yusmary, 'buenas noches vecinos, Dios nos cuide a todos 🙏');

  day = '2026-09-19';
  say(day, '06:20:31', P.abuela, 'Buenos días. Dormimos un poquito mejor 🙏');
  say(day, '07:48:12', P.wilmer, 'sigue sin luz la ceibita, ya se dañó la carne en la nevera 😤');
  say(day, '08:05:00', P.mariCarmen, 'Los araguaneyes tambien sin luz. Corpoelec dice q hay un poste caido', { edited: at(day, 8, 6, 41) });
  say(day, '09:33:27', P.deivis, 'los militares siguen en el caño, no dejan pasar ni a los que tienen ganado alla');
  say(day, '10:12:45', P.gocho, 'el comando dice que agarraron 14 fusiles, alguien vio fotos?');
  say(day, '10:15:03', P.luis, 'no han publicado fotos de nada, solo el cartelito ese', { replyTo: 'v-fusiles' });
  say(day, '13:58:14', P.yorman, 'buenas tardes, alguien vende bombonas de gas? urgente');
  say(day, '14:20:37', P.kevin, 'yorman en la bodega de la esquina de la escuela tenian ayer', { replyTo: 'v-gas' });
  say(day, '18:44:52', P.rosangela, 'Hoy fuimos a ver y se ve un hueco grande en la sabana, detrás del caño. No hay casas ni nada alli, y tampoco vimos muertos');
  say(day, '18:47:10', P.nelly, 'Rosángela no te acerques que eso puede ser peligroso', { replyTo: 'v-hueco' });
  say(day, '21:30:05', P.yusmary, 'buenas noches vecinos 🌙');
  day = '2026-09-20';
  say(day, '07:02:48', P.omaira, 'El lunes se reanudan las clases en La Ceibita. Gracias a los representantes por la paciencia.');
  say(day, '11:59:21', P.wilmer, 'VOLVIO LA LUZ 🙌🙌🙌');
  say(day, '12:01:04', P.mariCarmen, 'aqui tambien!! gracias a Dios');
  say(day, '15:26:40', P.chuo, 'esta tarde hay softbol en la cancha, pa distraernos un poco ⚾');
  say(day, '19:12:33', P.abuela, 'Que Dios tenga en su gloria a quien haya muerto, sea quien sea 🙏');

  // Reply targets named by the message they answer.
  const keyAt = (time: string, key: string, dayOfKey: string): void => {
    const target = posts.find((p) => p.at === `${dayOfKey}T${time}`);
    if (target === undefined) throw new Error(`vecinos: no message at ${dayOfKey}T${time}`);
    target.key = key;
  };
  keyAt('06:31:05', 'v-gas-q', '2026-09-15');
  keyAt('17:35:40', 'v-futbol', '2026-09-15');
  keyAt('11:47:50', 'v-queso', '2026-09-16');
  keyAt('09:40:08', 'v-bomba', '2026-09-17');
  keyAt('19:26:33', 'v-drones', '2026-09-17');
  keyAt('07:33:02', 'v-karla', STRIKE_DAY);
  keyAt('08:10:09', 'v-comadre', STRIKE_DAY);
  keyAt('10:12:45', 'v-fusiles', '2026-09-19');
  keyAt('13:58:14', 'v-gas', '2026-09-19');
  keyAt('18:44:52', 'v-hueco', '2026-09-19');

  return { name: CHANNELS.vecinos.name, type: 'public_supergroup', id: CHANNELS.vecinos.bareId, firstMessageId: 48213, posts };
}
