/**
 * A long text (tens of MB of JSON) made outside the JavaScript heap: the text is produced twice
 * by the same function, first only counted, then written into one buffer of exactly its size,
 * which becomes one string (Node keeps a string that large outside the heap too, an "external"
 * string). Joining millions of small strings instead made the heap grow by several times the
 * text's size before the collector caught up; growing a buffer or joining chunks would hold two
 * or three copies at once (decision 018).
 *
 * `latin1` holds one byte per character, so it must only be given text whose every character is
 * below U+0100 (the caller knows: it checks each distinct value once); `utf16le` holds any text.
 */
export type TextEncoding = 'latin1' | 'utf16le';

export interface TextSink {
  add(text: string): void;
  /** A number as JSON writes it (integers digit by digit, -0 as 0). */
  addNumber(value: number): void;
}

/**
 * Where texts are written before they become strings: one buffer, reused by every text made
 * through it and grown only when a text is longer (a month's slices, then the rows' columns), so
 * writing many texts leaves one buffer behind, not one per text.
 */
export class TextScratch {
  private buffer: Buffer | undefined;

  /** At least `bytes` long (its contents are overwritten by the next text). */
  take(bytes: number): Buffer {
    if (!this.buffer || this.buffer.length < bytes) {
      this.buffer = undefined;
      this.buffer = Buffer.allocUnsafeSlow(Math.max(bytes, 1));
    }
    return this.buffer;
  }

  release(): void {
    this.buffer = undefined;
  }
}

/** The text `emit` writes, as one string. `emit` must write the same text each time it is run. */
export function makeText(
  encoding: TextEncoding,
  emit: (out: TextSink) => void,
  scratch = new TextScratch(),
): string {
  const counter = new Counter();
  emit(counter);
  const width = encoding === 'latin1' ? 1 : 2;
  const bytes = counter.length * width;
  const writer = new Writer(scratch.take(bytes), encoding, width);
  emit(writer);
  if (writer.used !== bytes) {
    throw new Error(`text changed between counting and writing (${writer.used} bytes)`);
  }
  return writer.buffer.toString(encoding, 0, bytes);
}

function digitsOf(n: number): number {
  let digits = 1;
  for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits += 1;
  return digits;
}

class Counter implements TextSink {
  length = 0;
  add(text: string): void {
    this.length += text.length;
  }
  addNumber(value: number): void {
    if (!Number.isSafeInteger(value)) this.length += JSON.stringify(value).length;
    else this.length += (value < 0 ? 1 : 0) + digitsOf(Math.abs(value));
  }
}

class Writer implements TextSink {
  used = 0;
  constructor(
    readonly buffer: Buffer,
    private readonly encoding: TextEncoding,
    private readonly width: number,
  ) {}

  add(text: string): void {
    this.used += this.buffer.write(text, this.used, this.encoding);
  }

  addNumber(value: number): void {
    if (!Number.isSafeInteger(value)) {
      this.add(JSON.stringify(value));
      return;
    }
    const { buffer, width } = this;
    let n = value;
    if (n < 0) {
      this.put(45); // '-'
      n = -n;
    }
    const end = this.used + digitsOf(n) * width;
    let at = end;
    do {
      at -= width;
      buffer[at] = 48 + (n % 10);
      if (width === 2) buffer[at + 1] = 0;
      n = Math.floor(n / 10);
    } while (n > 0);
    this.used = end;
  }

  private put(byte: number): void {
    this.buffer[this.used] = byte;
    if (this.width === 2) this.buffer[this.used + 1] = 0;
    this.used += this.width;
  }
}

/** Whether every character of `text` fits one latin1 byte. */
export const isLatin1 = (text: string) => !/[\u0100-\uffff]/.test(text);
