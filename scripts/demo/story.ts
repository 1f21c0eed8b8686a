/**
 * The fixed facts of the demo story, shared by every source. All of it is invented except the
 * setting: Guasdualito is a real town in Apure state, Venezuela, used only as a backdrop.
 */
import type { Peer } from './telegram-export.js';

export const SEED = 0x5eed2026;

export const ORGANISATION = { name: 'Frente Guerrillero Río Sarare', short: 'FGRS' } as const;
export const COMMAND = { name: 'Comando de Operaciones Conjuntas del Llano', short: 'COC-Llano' } as const;

export const CHANNELS = {
  command: { name: 'Comando de Operaciones Conjuntas del Llano – Prensa', bareId: 1904417263 },
  fgrs: { name: 'FGRS Informa', bareId: 1877305541 },
  apureAlDia: { name: 'Apure al Día', bareId: 1631189024 },
  alertaLlanera: { name: 'Alerta Llanera', bareId: 1759930416 },
  osint: { name: 'Llanos & Andes Monitor', bareId: 1822046697 },
  vecinos: { name: 'Vecinos de Guasdualito', bareId: 1698845512 },
} as const;

export type ChannelKey = keyof typeof CHANNELS;

export function peer(key: ChannelKey): Peer {
  const channel = CHANNELS[key];
  return { name: channel.name, id: `channel${channel.bareId}` };
}

/** Places of the story. Only Guasdualito is real; the caseríos are invented. */
export const PLACES = {
  guasdualito: { name: 'Guasdualito', lat: 7.243, lon: -70.73 },
  /** Where the press office puts the camp: ~12 km south-east of Guasdualito. */
  claimedCamp: { name: 'Caño Guaramacal', lat: 7.166, lon: -70.653 },
  laCeibita: { name: 'La Ceibita del Sarare', lat: 7.182, lon: -70.668 },
  losAraguaneyes: { name: 'Los Araguaneyes', lat: 7.196, lon: -70.637 },
  /** The unrelated smoke, about 40 km north-east of the claimed camp. */
  bajoPalmarejo: { name: 'Bajo Palmarejo', lat: 7.452, lon: -70.421 },
} as const;

export const STRIKE_DAY = '2026-09-18';

/** The press office's statement, word for word: the case file's claim text is this too. */
export const CLAIM_TEXT =
  'COMUNICADO OFICIAL. El Comando de Operaciones Conjuntas del Llano informa al pueblo venezolano que hoy viernes 18 de septiembre de 2026, ' +
  'a las 02:10 horas, nuestras fuerzas ejecutaron un ataque aéreo de precisión con medios no tripulados contra el campamento del grupo ' +
  'armado autodenominado Frente Guerrillero Río Sarare (FGRS), ubicado en el sector Caño Guaramacal, a unos 12 kilómetros al sureste de ' +
  'Guasdualito, municipio Páez del estado Apure. Como resultado fueron neutralizados 12 integrantes de esta estructura criminal, entre ' +
  'ellos su cabecilla principal. La operación se ejecutó sin afectar a la población civil. ¡Apure en paz!';
