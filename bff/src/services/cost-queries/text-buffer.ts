/**
 * A long text (tens of MB of JSON) made as a sequence of pieces of at most `pieceBytes` each,
 * written into one small buffer that is reused: no string the size of the whole text ever
 * exists, in the heap or outside it. The store writes the pieces one at a time and the rows
 * route sends them one at a time (decision 018, "Texts in pieces"). Joined, the pieces are the
 * text: a piece ends only between two `add`s, so a character (or a surrogate pair) is never cut.
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
 * Bytes per piece: under V8's limit for objects of the young generation (128 KB), so a piece is
 * freed by the cheap collection of short-lived objects as soon as it is written or sent, not
 * left for the full collection of the old one (512 KB pieces made the heap grow by a hundred MB
 * of written pieces at a million rows); the store writes several per statement.
 */
export const PIECE_BYTES = 64 * 1024;

/** The longest JSON text of a number ("-1.7976931348623157e+308"). */
const NUMBER_CHARS = 24;

/** Collects what is added into pieces; `take` hands over the pieces finished so far. */
export class PieceWriter implements TextSink {
  private readonly buffer: Buffer;
  private readonly width: number;
  private used = 0;
  private pieces: string[] = [];

  constructor(
    private readonly encoding: TextEncoding,
    pieceBytes = PIECE_BYTES,
  ) {
    this.width = encoding === 'latin1' ? 1 : 2;
    // Room for at least one number, so a number is never split.
    this.buffer = Buffer.allocUnsafeSlow(Math.max(pieceBytes, NUMBER_CHARS * this.width));
  }

  /** Whether a piece is finished and waiting for `take`. */
  get ready(): boolean {
    return this.pieces.length > 0;
  }

  /** The pieces finished so far, in order (and forgets them). */
  take(): string[] {
    const pieces = this.pieces;
    this.pieces = [];
    return pieces;
  }

  /** Everything not taken yet, the last partial piece included: the writer is done. */
  end(): string[] {
    this.flush();
    return this.take();
  }

  add(text: string): void {
    const bytes = text.length * this.width;
    if (this.used + bytes > this.buffer.length) {
      this.flush();
      // Longer than a piece (a huge value): it is its own piece, as the string it already is.
      if (bytes > this.buffer.length) {
        this.pieces.push(text);
        return;
      }
    }
    this.used += this.buffer.write(text, this.used, this.encoding);
  }

  addNumber(value: number): void {
    if (!Number.isSafeInteger(value)) {
      this.add(JSON.stringify(value));
      return;
    }
    const { width } = this;
    if (this.used + NUMBER_CHARS * width > this.buffer.length) this.flush();
    const { buffer } = this;
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

  private flush(): void {
    if (this.used === 0) return;
    this.pieces.push(this.buffer.toString(this.encoding, 0, this.used));
    this.used = 0;
  }
}

function digitsOf(n: number): number {
  let digits = 1;
  for (let rest = n; rest >= 10; rest = Math.floor(rest / 10)) digits += 1;
  return digits;
}

/** Whether every character of `text` fits one latin1 byte. */
export const isLatin1 = (text: string) => !/[\u0100-\uffff]/.test(text);
