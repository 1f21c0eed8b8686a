/**
 * Every picture and file of the demo, and its copies. A copy is made the way it happens on
 * messengers: a forward keeps the bytes; a re-upload is decoded, maybe shrunk, and encoded
 * again at another quality, so its hash changes but it still looks the same.
 */
import { onePagePdf } from './pdf.js';
import { Raster } from './raster.js';
import { landfillFire, llanoBanner, pressCard, fuelQueue, riverInFlood, smokeColumnAtNight, thermalStill } from './scenes.js';
import type { PhotoSpec } from './telegram-export.js';

export interface Picture {
  jpeg: Uint8Array;
  width: number;
  height: number;
}

export const asPhoto = (picture: Picture): PhotoSpec => ({ jpeg: picture.jpeg, width: picture.width, height: picture.height });

function encode(raster: Raster, quality: number): Picture {
  return { jpeg: raster.toJpeg(quality), width: raster.width, height: raster.height };
}

/** Download, maybe shrink, upload again: what a re-post does to a photo. */
export function reupload(picture: Picture, quality: number, size?: { width: number; height: number }): Picture {
  const decoded = Raster.fromJpeg(picture.jpeg);
  return encode(size === undefined ? decoded : decoded.resized(size.width, size.height), quality);
}

export interface DemoAssets {
  /** The resident's photo of the smoke column, 02:41, as first posted. */
  smokeOriginal: Picture;
  /** The same photo re-uploaded by a community channel (re-encoded). */
  smokeChannelCopy: Picture;
  /** Re-uploaded again by the English-language aggregator (shrunk, re-encoded). */
  smokeAggregatorCopy: Picture;
  /** The landfill fire of 3 May 2026, as first posted. */
  landfillOriginal: Picture;
  /** The same picture re-posted on 18 September as if it showed the strike. */
  landfillRecycled: Picture;
  landfillAggregatorCopy: Picture;
  flood: Picture;
  fuelQueue: Picture;
  claimCard: Picture;
  balanceCard: Picture;
  serviceCard: Picture;
  bannerResistance: Picture;
  bannerLlano: Picture;
  videoThumbnail: Picture;
  communiquePdf: Uint8Array;
}

export function makeAssets(seed: number): DemoAssets {
  const smokeOriginal = encode(smokeColumnAtNight(seed ^ 0x51), 88);
  const smokeChannelCopy = reupload(smokeOriginal, 74);
  const smokeAggregatorCopy = reupload(smokeChannelCopy, 70, { width: 640, height: 480 });
  const landfillOriginal = encode(landfillFire(seed ^ 0x1a), 85);
  const landfillRecycled = reupload(landfillOriginal, 78, { width: 720, height: 540 });
  const landfillAggregatorCopy = reupload(landfillRecycled, 71, { width: 640, height: 480 });
  return {
    smokeOriginal,
    smokeChannelCopy,
    smokeAggregatorCopy,
    landfillOriginal,
    landfillRecycled,
    landfillAggregatorCopy,
    flood: encode(riverInFlood(seed ^ 0xf1), 82),
    fuelQueue: encode(fuelQueue(seed ^ 0xf0), 80),
    claimCard: encode(pressCard(seed ^ 0xc1, ['COMUNICADO', 'OFICIAL', 'COC-LLANO 18.09.2026']), 84),
    balanceCard: encode(pressCard(seed ^ 0xc2, ['BALANCE', 'OPERATIVO', 'COC-LLANO 19.09.2026']), 84),
    serviceCard: encode(pressCard(seed ^ 0xc3, ['JORNADA', 'INTEGRAL', 'GUASDUALITO 12.09.2026']), 84),
    bannerResistance: encode(llanoBanner(seed ^ 0xb1, 'RESISTENCIA LLANERA'), 84),
    bannerLlano: encode(llanoBanner(seed ^ 0xb2, 'EL LLANO NO SE RINDE'), 84),
    videoThumbnail: encode(thermalStill(seed ^ 0x7e), 80),
    communiquePdf: onePagePdf({
      title: 'COMUNICADO OFICIAL N.º 047-2026',
      creationDate: "D:20260918085500-04'00'",
      lines: [
        'DOCUMENTO SINTÉTICO - SYNTHETIC DEMO DOCUMENT (corroborate). Organismo, hechos y cifras ficticios.',
        '',
        'Comando de Operaciones Conjuntas del Llano – Oficina de Prensa',
        'Guasdualito, 18 de septiembre de 2026',
        '',
        'El Comando de Operaciones Conjuntas del Llano informa que hoy, a las 02:10 horas, se ejecutó',
        'un ataque aéreo de precisión con medios no tripulados contra el campamento del grupo armado',
        'autodenominado Frente Guerrillero Río Sarare (FGRS), en el sector Caño Guaramacal, municipio',
        'Páez del estado Apure, a unos 12 kilómetros al sureste de Guasdualito.',
        '',
        'Como resultado fueron neutralizados doce (12) integrantes de la estructura, entre ellos su',
        'cabecilla principal. Se mantienen las labores de registro y control de área.',
        '',
        'La operación se ejecutó sin afectar a la población civil.',
        '',
        '¡Apure en paz!',
      ],
    }),
  };
}
