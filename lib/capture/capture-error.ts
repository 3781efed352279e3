/**
 * The one error the capture reader throws. A capture is untrusted input, so every
 * failure says where in the file it was found: "at byte 1234: pcapng block length 7
 * is not a multiple of 4". `offset` is always within [0, file length].
 */
export class CaptureError extends Error {
  override readonly name = "CaptureError";
  readonly offset: number;

  constructor(offset: number, detail: string) {
    super(`at byte ${offset}: ${detail}`);
    this.offset = offset;
  }
}
