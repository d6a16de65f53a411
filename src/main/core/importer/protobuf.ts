/**
 * Just enough protobuf wire format for Google Authenticator's MigrationPayload:
 * varints (wire type 0) and length-delimited fields (wire type 2). The reader
 * is strict: a truncated field, an overlong varint or an unknown wire type is
 * an error, never a silently shortened result.
 */
export class WireError extends Error {}

export interface WireField {
  readonly field: number;
  readonly wire: 0 | 2;
  readonly varint: number;
  readonly bytes: Uint8Array;
}

export function readFields(buf: Uint8Array): WireField[] {
  const fields: WireField[] = [];
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (pos >= buf.length) throw new WireError('truncated varint');
      const byte = buf[pos++] as number;
      result += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) {
        if (result > Number.MAX_SAFE_INTEGER) throw new WireError('varint too large');
        return result;
      }
      scale *= 128;
    }
    throw new WireError('overlong varint');
  };
  while (pos < buf.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (field === 0) throw new WireError('field number 0');
    if (wire === 0) {
      fields.push({ field, wire, varint: varint(), bytes: new Uint8Array(0) });
    } else if (wire === 2) {
      const length = varint();
      if (pos + length > buf.length) throw new WireError('truncated length-delimited field');
      fields.push({ field, wire, varint: 0, bytes: buf.subarray(pos, pos + length) });
      pos += length;
    } else {
      throw new WireError(`unsupported wire type ${wire}`);
    }
  }
  return fields;
}

/** Builds a message from fields in order; used to export migration QR codes. */
export class WireWriter {
  private readonly parts: number[] = [];

  private varint(value: number): void {
    let v = value;
    while (v >= 0x80) {
      this.parts.push((v % 128) | 0x80);
      v = Math.floor(v / 128);
    }
    this.parts.push(v);
  }

  uint(field: number, value: number): this {
    this.varint(field * 8);
    this.varint(value);
    return this;
  }

  bytes(field: number, value: Uint8Array): this {
    this.varint(field * 8 + 2);
    this.varint(value.length);
    for (const b of value) this.parts.push(b);
    return this;
  }

  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}
