import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

/**
 * ffmpeg behind a small port: the adapter and describeMedia only say which arguments to run;
 * the CLI hands in Debian's `/usr/bin/ffmpeg`, tests the real binary, and a machine without it
 * gets `null` and still describes every file as far as it can without decoding.
 */
export interface FfmpegRunner {
  run(args: readonly string[], limits: FfmpegLimits): Promise<FfmpegResult>;
}

export interface FfmpegLimits {
  /** Killed after this long (SIGKILL): a hostile file must not hang an ingest. */
  readonly timeoutMs: number;
  /** Killed once stdout passes this many bytes; what came until then is kept. */
  readonly maxStdoutBytes: number;
}

export interface FfmpegResult {
  /** Null when the process was killed or could not start. */
  readonly exitCode: number | null;
  readonly stdout: Uint8Array;
  /** The last 64 KiB of stderr (ffmpeg's log: stream info, showinfo lines, errors). */
  readonly stderr: string;
  readonly timedOut: boolean;
  /** Why the process could not start (ENOENT, EACCES), or null. */
  readonly spawnError: string | null;
}

/** Where Debian's `ffmpeg` package puts the binary (the CLI's default). */
export const FFMPEG_PATH = '/usr/bin/ffmpeg';

const STDERR_KEEP = 64 * 1024;

/** Runs `binary` with an argument array — never through a shell — with a timeout and an output cap. */
export function spawnFfmpeg(binary: string): FfmpegRunner {
  return {
    run(args, limits) {
      return new Promise((resolve) => {
        const child = spawn(binary, [...args], { stdio: ['ignore', 'pipe', 'pipe'], shell: false, windowsHide: true });
        const stdout: Uint8Array[] = [];
        let stdoutBytes = 0;
        let stderr = '';
        let timedOut = false;
        let spawnError: string | null = null;
        const timer = setTimeout(() => {
          timedOut = true;
          child.kill('SIGKILL');
        }, limits.timeoutMs);
        child.stdout.on('data', (chunk: Buffer) => {
          if (stdoutBytes >= limits.maxStdoutBytes) return;
          const room = limits.maxStdoutBytes - stdoutBytes;
          const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
          stdout.push(part);
          stdoutBytes += part.length;
          if (stdoutBytes >= limits.maxStdoutBytes) child.kill('SIGKILL');
        });
        child.stderr.setEncoding('utf8');
        child.stderr.on('data', (text: string) => {
          stderr = (stderr + text).slice(-STDERR_KEEP);
        });
        child.on('error', (error: NodeJS.ErrnoException) => {
          spawnError = error.code ?? error.message;
        });
        child.on('close', (code) => {
          clearTimeout(timer);
          const out = new Uint8Array(stdoutBytes);
          let at = 0;
          for (const part of stdout) {
            out.set(part, at);
            at += part.length;
          }
          resolve({ exitCode: timedOut ? null : code, stdout: out, stderr, timedOut, spawnError });
        });
      });
    },
  };
}

/** Is there an executable file here? The default check for `systemFfmpeg`. */
export function isExecutableFile(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Debian's ffmpeg when `isExecutable` finds it, else null: the only place that looks for it. */
export function systemFfmpeg(isExecutable: (path: string) => boolean, path: string = FFMPEG_PATH): FfmpegRunner | null {
  return isExecutable(path) ? spawnFfmpeg(path) : null;
}

// ---------------------------------------------------------------------------------------------
// What ffmpeg says about an input (`ffmpeg -i file` prints it to stderr).

export interface ProbedStreams {
  readonly durationSeconds: number | null;
  /** Display size of the first video stream (coded size turned by its display matrix). */
  readonly width: number | null;
  readonly height: number | null;
  readonly hasVideo: boolean;
  readonly hasAudio: boolean;
  /** Container tags ffmpeg lists (creation_time, location, com.apple.quicktime.*), first stream's included. */
  readonly tags: Readonly<Record<string, string>>;
}

const DURATION = /^\s*Duration: (\d+):(\d{2}):(\d{2}(?:\.\d+)?)/m;
// ", 1920x1080" after the pixel format; not the "0x7634706D" of a codec tag.
const VIDEO_SIZE = /Stream #\d+:\d+[^\n]*?: Video: [^\n]*?, (\d{1,5})x(\d{1,5})(?=[,\s[])/;
const ROTATION = /displaymatrix: rotation of (-?\d+(?:\.\d+)?) degrees/;
const ROTATE_TAG = /^\s*rotate\s*: (-?\d+)\s*$/m;
const CONTAINER_TAG = /^ {4}(\S[^:]*?)\s*: (.*)$/;

export function parseProbe(stderr: string): ProbedStreams | null {
  const input = stderr.indexOf('Input #0');
  if (input < 0) return null;
  const text = stderr.slice(input);
  const duration = DURATION.exec(text);
  const size = VIDEO_SIZE.exec(text);
  const rotation = ROTATION.exec(text) ?? ROTATE_TAG.exec(text);
  const degrees = rotation === null ? 0 : ((Math.round(Number(rotation[1]) / 90) * 90) % 360 + 360) % 360;
  let width = size === null ? null : Number(size[1]);
  let height = size === null ? null : Number(size[2]);
  if (degrees === 90 || degrees === 270) [width, height] = [height, width];
  // Container tags: the lines indented 4 under the input's own "  Metadata:" (streams indent 6).
  const tags: Record<string, string> = {};
  let inMetadata = false;
  for (const line of text.split('\n')) {
    if (/^ {2}Metadata:\s*$/.test(line)) {
      inMetadata = true;
      continue;
    }
    if (!inMetadata) continue;
    const tag = CONTAINER_TAG.exec(line.trimEnd());
    if (tag === null) break;
    const [, key = '', value = ''] = tag;
    tags[key] ??= value;
  }
  return {
    durationSeconds: duration === null ? null : Math.round((Number(duration[1]) * 3600 + Number(duration[2]) * 60 + Number(duration[3])) * 1000) / 1000,
    width: width !== null && width > 0 ? width : null,
    height: height !== null && height > 0 ? height : null,
    hasVideo: /Stream #\d+:\d+[^\n]*: Video: /.test(text),
    hasAudio: /Stream #\d+:\d+[^\n]*: Audio: /.test(text),
    tags,
  };
}

const BASE_ARGS = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info'];

export async function probe(runner: FfmpegRunner, path: string, timeoutMs: number): Promise<{ streams: ProbedStreams | null; failure: string | null }> {
  // With no output ffmpeg exits 1 after printing the input's description: that is the probe.
  const result = await runner.run([...BASE_ARGS, '-i', path], { timeoutMs, maxStdoutBytes: 1024 });
  if (result.spawnError !== null) return { streams: null, failure: `ffmpeg could not start (${result.spawnError})` };
  if (result.timedOut) return { streams: null, failure: `ffmpeg took longer than ${timeoutMs / 1000} s to read the file` };
  const streams = parseProbe(result.stderr);
  return { streams, failure: streams === null ? `ffmpeg cannot read it: ${lastLine(result.stderr, path)}` : null };
}

// ---------------------------------------------------------------------------------------------
// Pixels: ffmpeg scales each picture it decodes to SIDE×SIDE grey bytes (area averaging); the
// hash then shrinks those exactly as it shrinks a JPEG decoded in-process.

/** Side of the square grey frames ffmpeg hands over. */
export const FRAME_SIDE = 256;
const FRAME_BYTES = FRAME_SIDE * FRAME_SIDE;

/** At most this many keyframes per video: enough to match a re-upload, small to store. */
export const MAX_KEYFRAMES = 20;

export interface GrayFrame {
  readonly timeSeconds: number;
  readonly pixels: Uint8Array;
}

/** First frame of a still (GIF, WebP, TIFF, BMP, a JPEG too large to decode here), as stored: no autorotation. */
export async function decodeStill(runner: FfmpegRunner, path: string, timeoutMs: number, maxPixels: number): Promise<{ pixels: Uint8Array | null; failure: string | null }> {
  const args = [
    ...BASE_ARGS, '-noautorotate', '-max_pixels', String(maxPixels), '-i', path, '-map', '0:v:0', '-frames:v', '1',
    '-vf', `scale=${FRAME_SIDE}:${FRAME_SIDE}:flags=area,format=gray`, '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1',
  ];
  const result = await runner.run(args, { timeoutMs, maxStdoutBytes: FRAME_BYTES });
  if (result.spawnError !== null) return { pixels: null, failure: `ffmpeg could not start (${result.spawnError})` };
  if (result.timedOut) return { pixels: null, failure: `ffmpeg took longer than ${timeoutMs / 1000} s to decode it` };
  if (result.stdout.length < FRAME_BYTES) return { pixels: null, failure: `ffmpeg could not decode it: ${lastLine(result.stderr, path)}` };
  return { pixels: result.stdout.subarray(0, FRAME_BYTES), failure: null };
}

/**
 * Keyframes of a video, as displayed (ffmpeg applies the rotation): only intra frames are
 * decoded (`-skip_frame nokey`, fast), at most one per `spacing` seconds, at most MAX_KEYFRAMES.
 * A stream whose intra frames ffmpeg will not pick that way is sampled by time instead.
 */
export async function extractKeyframes(
  runner: FfmpegRunner,
  path: string,
  durationSeconds: number | null,
  timeoutMs: number,
): Promise<{ frames: GrayFrame[]; failure: string | null }> {
  // Spread the frames over the whole video; an unknown duration gets one every 10 s.
  const spacing = durationSeconds === null ? 10 : Math.max(1, durationSeconds / MAX_KEYFRAMES);
  const spaced = `select='isnan(prev_selected_t)+gte(t-prev_selected_t\\,${spacing.toFixed(3)})'`;
  const chain = `${spaced},scale=${FRAME_SIDE}:${FRAME_SIDE}:flags=area,format=gray,showinfo`;
  const output = ['-map', '0:v:0', '-an', '-sn', '-dn', '-vf', chain, '-fps_mode', 'passthrough', '-frames:v', String(MAX_KEYFRAMES), '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'];
  const limits = { timeoutMs, maxStdoutBytes: FRAME_BYTES * MAX_KEYFRAMES };
  let result = await runner.run([...BASE_ARGS, '-skip_frame', 'nokey', '-i', path, ...output], limits);
  if (result.spawnError === null && !result.timedOut && result.stdout.length < FRAME_BYTES) {
    result = await runner.run([...BASE_ARGS, '-i', path, ...output], limits);
  }
  if (result.spawnError !== null) return { frames: [], failure: `ffmpeg could not start (${result.spawnError})` };
  const times = [...result.stderr.matchAll(/\] n:\s*\d+ pts:\s*-?\d+ pts_time:(-?[\d.]+)/g)].map((m) => Number(m[1]));
  const frames: GrayFrame[] = [];
  for (let i = 0; (i + 1) * FRAME_BYTES <= result.stdout.length; i++) {
    const time = times[i];
    frames.push({ timeSeconds: time === undefined || !Number.isFinite(time) ? 0 : Math.round(time * 1000) / 1000, pixels: result.stdout.subarray(i * FRAME_BYTES, (i + 1) * FRAME_BYTES) });
  }
  if (result.timedOut) return { frames, failure: `ffmpeg took longer than ${timeoutMs / 1000} s; ${frames.length} keyframes were read before it was stopped` };
  if (frames.length === 0) return { frames, failure: `ffmpeg decoded no frame: ${lastLine(result.stderr, path)}` };
  return { frames, failure: null };
}

/** ffmpeg's last log line, the file's path taken out (it is the vault's, not the user's). */
function lastLine(stderr: string, path: string): string {
  const lines = stderr.replaceAll(path, 'the file').split('\n').map((line) => line.trim()).filter((line) => line !== '');
  const line = lines[lines.length - 1] ?? 'no message';
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
