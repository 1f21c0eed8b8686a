import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { grayFromRgb, type GrayImage } from './perceptual-hash.js';

/**
 * JPEG and PNG decoded here, in pure JavaScript, so that their hashes are the same on every
 * machine whether or not ffmpeg is installed; other formats go through ffmpeg.
 */

/**
 * Pictures above 100 megapixels are not decoded in-process: jpeg-js needs about 9 bytes per
 * pixel while it works (≈ 900 MB at the limit). Phones write 12–50 MP, a few 200 MP; those go
 * to ffmpeg, which scales them down in its own process, or stay unhashed without it.
 */
export const MAX_DECODE_PIXELS = 100_000_000;
/**
 * Above this even ffmpeg is not asked (a 20000×20000 header over a few bytes is an attack or a
 * broken file): it would take over a gigabyte in its process. 200 MP phone photos still pass.
 */
export const MAX_FFMPEG_PIXELS = 250_000_000;
/** Nor are files over 256 MiB read whole, whatever their header says. */
export const MAX_DECODE_BYTES = 256 * 1024 * 1024;

export function decodeJpeg(bytes: Uint8Array): GrayImage {
  const image = jpeg.decode(bytes, {
    useTArray: true,
    formatAsRGBA: false,
    tolerantDecoding: true,
    maxResolutionInMP: MAX_DECODE_PIXELS / 1_000_000,
    maxMemoryUsageInMB: 1200,
  });
  return grayFromRgb(image.data, image.width, image.height, 3);
}

export function decodePng(bytes: Uint8Array): GrayImage {
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return grayFromRgb(png.data, png.width, png.height, 4);
}
