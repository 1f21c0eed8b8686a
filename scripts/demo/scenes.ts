/**
 * The demo's pictures, painted from noise so that nothing in them is a real photograph.
 * Each scene is a pure function of its seed.
 */
import { Random } from './random.js';
import { Noise, Raster, drawText, mix, smoothstep, textWidth, watermark, type Rgb } from './raster.js';

/**
 * The silhouette of a tree line: height in pixels above the horizon at each column. `crowns`
 * are [x, radius] of single trees that stand above the rest.
 */
function treeLine(noise: Noise, width: number, base: number, rough: number, crowns: readonly (readonly [number, number])[]): number[] {
  const heights: number[] = [];
  for (let x = 0; x < width; x++) {
    let h = base + rough * noise.fbm(x / 60, 3.7, 4) + rough * 0.35 * noise.value(x / 7, 9.1);
    for (const [cx, r] of crowns) {
      const d = Math.abs(x - cx) / r;
      if (d < 1) h = Math.max(h, base * 0.6 + r * 1.3 * Math.sqrt(1 - d * d) + 6 * noise.fbm(x / 4, 2.2, 2));
    }
    heights.push(h);
  }
  return heights;
}

/**
 * A resident's night shot at about 02:40: dark sky, a tree line, a grey smoke column lit
 * orange from below by a fire out of sight. The original of the re-posted photo.
 */
export function smokeColumnAtNight(seed: number): Raster {
  const random = new Random(seed);
  const noise = new Noise(random.fork('noise'));
  const w = 800;
  const h = 600;
  const horizon = Math.round(h * 0.74);
  const fireX = w * 0.61;
  const raster = new Raster(w, h);
  raster.paint((x, y) => {
    const t = y / horizon;
    const sky = mix([6, 8, 20], [34, 30, 40], t * t);
    const glow = Math.exp(-(((x - fireX) / (w * 0.22)) ** 2) - (((y - horizon) / (h * 0.18)) ** 2));
    return mix(sky, [120, 62, 30], glow * 0.55);
  });
  for (let i = 0; i < 70; i++) {
    const sx = random.int(0, w - 1);
    const sy = random.int(0, Math.round(horizon * 0.55));
    raster.blend(sx, sy, [220, 220, 235], 0.35 + random.next() * 0.5);
  }
  // The plume: widens and leans east as it rises, lit from below.
  raster.overlay((x, y) => {
    if (y > horizon + 4) return null;
    const rise = (horizon - y) / horizon;
    const centre = fireX + w * 0.16 * rise ** 1.6 + 18 * Math.sin(rise * 5.2);
    const halfWidth = 16 + w * 0.13 * rise;
    const across = (x - centre) / halfWidth;
    const envelope = Math.exp(-across * across * 1.4) * smoothstep(0, 0.05, rise) * (1 - 0.55 * rise);
    if (envelope < 0.01) return null;
    const billow = noise.fbm(x / 55, y / 40 + rise * 3, 5);
    const density = smoothstep(0.32, 0.75, billow * 0.9 + envelope * 0.45) * envelope * 1.25;
    const lit = mix([66, 62, 64], [168, 92, 44], (1 - rise) ** 2.2);
    return { color: lit, alpha: density };
  });
  raster.glow(fireX, horizon - 2, 26, [255, 170, 80], 0.6);
  const trees = treeLine(noise, w, 20, 24, [[150, 34], [236, 22], [512, 40], [706, 28]]);
  raster.overlay((x, y) => {
    if (y > horizon) return { color: mix([9, 9, 10], [16, 15, 14], noise.fbm(x / 30, y / 6, 3)), alpha: 1 };
    return y > horizon - (trees[x] ?? 0) ? { color: [5, 6, 8], alpha: 1 } : null;
  });
  // A power pole and its sagging wire, left of frame.
  raster.fillRect(92, horizon - 210, 5, 240, [10, 10, 12]);
  raster.fillRect(78, horizon - 205, 34, 4, [10, 10, 12]);
  for (let x = 95; x < w; x++) {
    const sag = horizon - 200 + 0.00018 * (x - 95) * (w - x) * 0.9;
    raster.blend(x, Math.round(sag), [14, 14, 16], 0.9);
  }
  raster.glow(38, horizon + 34, 7, [255, 214, 150], 0.8);
  raster.grain(random.fork('grain'), 5);
  watermark(raster);
  return raster;
}

/** Daytime fire at a landfill: hazy sky, heaps of rubbish, flames, brown smoke. May 2026. */
export function landfillFire(seed: number): Raster {
  const random = new Random(seed);
  const noise = new Noise(random.fork('noise'));
  const w = 800;
  const h = 600;
  const horizon = Math.round(h * 0.5);
  const raster = new Raster(w, h);
  raster.paint((x, y) => {
    if (y < horizon) return mix([150, 170, 192], [210, 200, 182], (y / horizon) ** 1.3);
    const depth = (y - horizon) / (h - horizon);
    const mottle = noise.fbm(x / 22, y / 10, 4);
    const speck = noise.value(x / 3.1, y / 3.1);
    const ground = mix([122, 108, 90], [84, 74, 62], depth);
    const rubbish = mix(ground, [138, 132, 120], smoothstep(0.55, 0.85, mottle) * 0.45);
    if (speck > 0.965) return mix(rubbish, [70, 110, 160], 0.35);
    if (speck < 0.03) return mix(rubbish, [170, 70, 56], 0.3);
    return rubbish;
  });
  // Distant tree line and the long, low heaps of the dump.
  const trees = treeLine(noise, w, 10, 12, []);
  raster.overlay((x, y) => (y > horizon - (trees[x] ?? 0) && y <= horizon ? { color: [70, 84, 62], alpha: 0.9 } : null));
  raster.overlay((x, y) => {
    const heap = horizon + 10 - 34 * noise.fbm(x / 140, 1.7, 3);
    return y > heap && y < horizon + 46 ? { color: mix([112, 100, 86], [80, 72, 62], noise.fbm(x / 20, y / 8)), alpha: 0.9 } : null;
  });
  const fires = [
    { x: 230, y: horizon + 44, w: 36, h: 70 },
    { x: 330, y: horizon + 52, w: 54, h: 110 },
    { x: 420, y: horizon + 48, w: 40, h: 80 },
    { x: 530, y: horizon + 58, w: 62, h: 120 },
    { x: 640, y: horizon + 50, w: 30, h: 56 },
  ];
  // Smoke first, so the flames sit in front of it; the wind takes it west.
  raster.overlay((x, y) => {
    let density = 0;
    for (const fire of fires) {
      if (y > fire.y) continue;
      const rise = (fire.y - y) / fire.y;
      const sway = 120 * (noise.fbm(y / 90, fire.x / 50, 3) - 0.5) * rise;
      const centre = fire.x - w * 0.45 * rise ** 1.3 + sway;
      const halfWidth = fire.w * 0.6 + w * 0.14 * rise;
      const across = (x - centre) / halfWidth;
      const puff = noise.fbm(across * 1.5 + fire.x, rise * 7, 4);
      density = Math.max(density, Math.exp(-across * across * 1.6) * (fire.h / 120) * (1 - 0.45 * rise) * (0.4 + puff));
    }
    if (density < 0.01) return null;
    const billow = noise.fbm(x / 45, y / 30, 5);
    return { color: mix([70, 62, 56], [116, 108, 100], billow), alpha: Math.min(1, density * (0.55 + billow)) };
  });
  raster.overlay((x, y) => {
    let heat = 0;
    for (const fire of fires) {
      const up = (fire.y - y) / fire.h;
      if (up < 0 || up > 1) continue;
      const flicker = 0.45 + 1.1 * noise.fbm(x / 6, y / 7, 3);
      const across = Math.abs(x - fire.x) / (fire.w * (1 - up) ** 0.8 * flicker + 1);
      if (across < 1) heat = Math.max(heat, (1 - across) * (1 - up * 0.6));
    }
    if (heat <= 0) return null;
    return { color: mix([230, 70, 16], [255, 232, 140], heat), alpha: Math.min(1, heat * 2.2) };
  });
  for (const fire of fires) raster.glow(fire.x, fire.y - fire.h * 0.3, fire.w * 1.6, [255, 140, 50], 0.3);
  raster.grain(random.fork('grain'), 6);
  watermark(raster);
  return raster;
}

/** The Sarare in flood: brown water to the tree line, fence posts and a tin roof in it. */
export function riverInFlood(seed: number): Raster {
  const random = new Random(seed);
  const noise = new Noise(random.fork('noise'));
  const w = 800;
  const h = 600;
  const horizon = Math.round(h * 0.38);
  const raster = new Raster(w, h);
  raster.paint((x, y) => {
    if (y < horizon) {
      const cloud = smoothstep(0.45, 0.75, noise.fbm(x / 120, y / 50, 5));
      return mix(mix([96, 140, 196], [170, 196, 220], y / horizon), [236, 236, 238], cloud);
    }
    const ripple = noise.fbm(x / 90, (y - horizon) / 6, 4);
    return mix(mix([120, 96, 64], [146, 116, 78], (y - horizon) / (h - horizon)), [176, 150, 112], smoothstep(0.6, 0.8, ripple));
  });
  const trees = treeLine(noise, w, 18, 22, [[300, 30], [610, 36]]);
  raster.overlay((x, y) => {
    const top = horizon - (trees[x] ?? 0);
    return y > top && y <= horizon + 3 ? { color: mix([40, 70, 36], [62, 92, 48], noise.fbm(x / 9, y / 9)), alpha: 1 } : null;
  });
  for (let i = 0; i < 9; i++) {
    const px = 60 + i * 48 + random.int(-6, 6);
    const py = horizon + 150 + i * 14;
    raster.fillRect(px, py - 40 + i, 6, 44, [70, 56, 40]);
  }
  raster.fillRect(520, horizon + 70, 180, 34, [150, 154, 158]);
  raster.fillRect(520, horizon + 100, 180, 8, [96, 82, 66], 0.7);
  raster.grain(random.fork('grain'), 5);
  watermark(raster);
  return raster;
}

/** A petrol station queue at midday: cars in a line along the kerb. */
export function fuelQueue(seed: number): Raster {
  const random = new Random(seed);
  const noise = new Noise(random.fork('noise'));
  const w = 800;
  const h = 600;
  const horizon = Math.round(h * 0.42);
  const raster = new Raster(w, h);
  raster.paint((x, y) => {
    if (y < horizon) return mix([120, 168, 220], [200, 214, 228], y / horizon);
    const road = mix([92, 92, 96], [120, 118, 116], noise.fbm(x / 30, y / 30, 3));
    return y < horizon + 30 ? mix([70, 110, 50], road, 0.3) : road;
  });
  const trees = treeLine(noise, w, 30, 30, [[80, 40], [420, 30]]);
  raster.overlay((x, y) => (y > horizon - (trees[x] ?? 0) && y <= horizon + 4 ? { color: [48, 84, 40], alpha: 1 } : null));
  const palette: Rgb[] = [[180, 30, 30], [230, 230, 228], [40, 40, 44], [30, 70, 150], [200, 190, 170], [120, 120, 124]];
  for (let i = 0; i < 8; i++) {
    const scale = 1 - i * 0.09;
    const cw = 170 * scale;
    const ch = 70 * scale;
    const cx = 40 + i * 95;
    const cy = horizon + 190 - i * 18;
    const color = random.pick(palette);
    raster.fillRect(cx, cy, cw, ch * 0.6, color);
    raster.fillRect(cx + cw * 0.2, cy - ch * 0.35, cw * 0.55, ch * 0.4, mix(color, [20, 24, 30], 0.55));
    raster.fillRect(cx + cw * 0.12, cy + ch * 0.55, cw * 0.16, ch * 0.22, [16, 16, 16]);
    raster.fillRect(cx + cw * 0.7, cy + ch * 0.55, cw * 0.16, ch * 0.22, [16, 16, 16]);
  }
  raster.fillRect(650, horizon - 120, 16, 180, [200, 200, 196]);
  raster.fillRect(610, horizon - 140, 110, 36, [200, 40, 36]);
  raster.grain(random.fork('grain'), 5);
  watermark(raster);
  return raster;
}

/** The press office's square "COMUNICADO" card: national colours and block capitals. */
export function pressCard(seed: number, lines: readonly string[]): Raster {
  const random = new Random(seed);
  const w = 800;
  const h = 800;
  const raster = new Raster(w, h);
  raster.paint((_x, y) => mix([14, 30, 70], [6, 14, 38], y / h));
  raster.fillRect(0, 0, w, 26, [250, 204, 20]);
  raster.fillRect(0, 26, w, 26, [24, 60, 160]);
  raster.fillRect(0, 52, w, 26, [206, 30, 40]);
  raster.fillRect(0, h - 40, w, 40, [250, 204, 20], 0.9);
  let y = 190;
  lines.forEach((line, index) => {
    const scale = index === 0 ? 12 : index === 1 ? 9 : 6;
    drawText(raster, line, (w - textWidth(line, scale)) / 2, y, scale, [245, 245, 245]);
    y += scale * 7 + 40;
  });
  raster.grain(random.fork('grain'), 3);
  watermark(raster);
  return raster;
}

/** Sunset over the llano with palm silhouettes and a slogan: the armed group's banner. */
export function llanoBanner(seed: number, slogan: string): Raster {
  const random = new Random(seed);
  const noise = new Noise(random.fork('noise'));
  const w = 800;
  const h = 450;
  const horizon = Math.round(h * 0.7);
  const raster = new Raster(w, h);
  raster.paint((x, y) => {
    if (y >= horizon) return mix([30, 26, 18], [14, 12, 10], (y - horizon) / (h - horizon));
    const t = y / horizon;
    const sky = mix([60, 40, 90], [250, 150, 60], t ** 1.5);
    const sun = Math.exp(-(((x - w * 0.3) ** 2 + (y - horizon + 30) ** 2) / 2600));
    return mix(sky, [255, 236, 170], sun);
  });
  const trees = treeLine(noise, w, 8, 14, [[90, 26], [140, 18], [560, 30], [690, 22]]);
  raster.overlay((x, y) => (y > horizon - (trees[x] ?? 0) && y <= horizon ? { color: [20, 14, 12], alpha: 1 } : null));
  drawText(raster, 'FGRS', 40, 40, 14, [250, 246, 236]);
  drawText(raster, slogan, 40, 160, 5, [250, 246, 236], 0.9);
  raster.grain(random.fork('grain'), 4);
  watermark(raster);
  return raster;
}

/** A still from a thermal camera: grey fields, a hot bloom, the crosshair of the overlay. */
export function thermalStill(seed: number): Raster {
  const random = new Random(seed);
  const noise = new Noise(random.fork('noise'));
  const w = 320;
  const h = 180;
  const raster = new Raster(w, h);
  raster.paint((x, y) => {
    const v = 40 + 70 * noise.fbm(x / 40, y / 40, 4) + 20 * smoothstep(0.6, 0.7, noise.value(x / 12, y / 30));
    return [v, v, v];
  });
  raster.fillRect(150, 70, 22, 14, [150, 150, 150]);
  raster.fillRect(120, 96, 16, 10, [136, 136, 136]);
  raster.glow(168, 84, 14, [255, 255, 255], 0.95);
  raster.fillRect(0, 89, 140, 1, [230, 230, 230], 0.8);
  raster.fillRect(180, 89, 140, 1, [230, 230, 230], 0.8);
  raster.fillRect(159, 0, 1, 70, [230, 230, 230], 0.8);
  raster.fillRect(159, 110, 1, 70, [230, 230, 230], 0.8);
  drawText(raster, 'WHT', 6, 6, 1, [240, 240, 240]);
  raster.grain(random.fork('grain'), 4);
  watermark(raster);
  return raster;
}
