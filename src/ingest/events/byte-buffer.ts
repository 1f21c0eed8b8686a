/** A growable byte array for the bytes of one record; it gives its storage back after a big one. */
export class ByteBuffer {
  private bytes = new Uint8Array(INITIAL);
  length = 0;

  append(part: Uint8Array): void {
    if (part.length === 0) return;
    const needed = this.length + part.length;
    if (needed > this.bytes.length) {
      let size = this.bytes.length;
      while (size < needed) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    this.bytes.set(part, this.length);
    this.length = needed;
  }

  /** The bytes so far, copied out, and the buffer emptied. */
  take(): Uint8Array {
    const taken = this.bytes.slice(0, this.length);
    this.clear();
    return taken;
  }

  clear(): void {
    this.length = 0;
    // A 10 MB record should not pin 16 MB for the rest of the file.
    if (this.bytes.length > RETAINED) this.bytes = new Uint8Array(INITIAL);
  }
}

const INITIAL = 4096;
const RETAINED = 1024 * 1024;
