/**
 * Posts that travel between channels as forwards. A forward carries the original's text
 * unchanged, so both ends take it from here.
 */
import { CLAIM_TEXT } from './story.js';

/** The press office's claim as posted (the card photo goes with it). */
export const CLAIM_POST = `${CLAIM_TEXT.replace('COMUNICADO OFICIAL.', '**COMUNICADO OFICIAL.**')}\n\n#ApureEnPaz #COCLlano`;

export const BALANCE_POST =
  '**BALANCE OPERATIVO** | Ataque de precisión del 18/09 en Caño Guaramacal:\n• 12 integrantes del FGRS neutralizados, incluido su cabecilla principal\n• 14 fusiles y 3 radios incautados\n• Campamento y depósito de explosivos destruidos\n#ApureEnPaz #COCLlano';

export const ALERTA_URGENTE =
  '🚨 **URGENTE** 🚨 Vecinos reportan una fuerte explosión en zona rural al sureste de Guasdualito, por el sector La Ceibita del Sarare. Dicen que se escuchó un bombazo y se fue la luz. Información en desarrollo. #Apure #Guasdualito';

export const ALERTA_SMOKE_CAPTION =
  '📸 Nos envían esta foto tomada **ahora mismo** desde La Ceibita: se ve una columna de humo hacia el caño. #Guasdualito #Apure';

/** The recycled landfill picture, passed off as the strike. */
export const ALERTA_LANDFILL_CAPTION =
  '🔥 Así quedó el campamento según nos envían. Todavía está ardiendo. ⚠️ Imagen sensible. #Apure #Guasdualito';

export const ALERTA_RUMOUR_30 =
  '⚠️ Circula en grupos de WhatsApp que "fueron 30 muertos". **NO está confirmado** por ninguna fuente. No difundan cifras sin verificar. #Apure';

export const FGRS_DENIAL =
  '**COMUNICADO N.º 041-2026**\nA la opinión pública nacional e internacional: el régimen miente. Lo que han publicado sobre un supuesto "ataque de precisión" es propaganda para tapar su fracaso. Nuestras estructuras se mantienen firmes y no tuvimos las bajas que ellos dicen. Sus bombas cayeron sobre sabana vacía y pusieron en riesgo a familias campesinas. Nos comunicaremos cuando lo consideremos oportuno.\n\n¡El llano no se rinde! #FGRS';

export const APURE_FLOOD_POST =
  '🌊 **#Apure** | Así está el río Sarare esta tarde a la altura de los caseríos de la ribera. El agua ya tapó los potreros y las cercas. Protección Civil pide a las familias desalojar.';
