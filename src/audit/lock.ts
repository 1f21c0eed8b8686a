import { open, readFile, rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

/** How long a writer waits for another one before giving up: 50 × 100 ms. */
const ATTEMPTS = 50;
const WAIT_MS = 100;

export class AuditLockedError extends Error {}

/**
 * Run `work` holding a lock file (made with O_EXCL, holding the holder's process id), so that two
 * processes appending to one audit log take turns. A lock left by a process that no longer runs
 * is taken over; one held by a live process is waited for, then reported.
 */
export async function withLockFile<T>(path: string, work: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o644);
      try {
        await handle.write(`${process.pid}\n`);
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await holderIsGone(path)) {
      await rm(path, { force: true });
      continue;
    }
    if (attempt >= ATTEMPTS) {
      throw new AuditLockedError(`the audit log is being written by another process (lock ${path}); if none is running, remove that file`);
    }
    await sleep(WAIT_MS);
  }
  try {
    return await work();
  } finally {
    await rm(path, { force: true });
  }
}

/** Whether the lock names a process that is not running on this machine. An empty or unreadable lock is being made: not gone. */
async function holderIsGone(path: string): Promise<boolean> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
  const pid = Number(text.trim());
  if (!Number.isSafeInteger(pid) || pid <= 0 || !text.endsWith('\n')) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
