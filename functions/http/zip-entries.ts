import { createInflateRaw } from 'node:zlib';
import { ProblemError } from './problem.ts';

/**
 * The least of a zip reader an XLSX import needs: the entries from the central directory, and
 * one entry inflated as text a chunk at a time, every byte counted against a budget (zip bombs
 * are refused before they cost memory).
 */
export interface ZipEntry {
  name: string;
  method: number;
  start: number;
  end: number;
}

/** The zip's entries by lower-cased name, from its central directory (the authoritative list). */
export function zipEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const unreadable = (why: string) => new ProblemError('unreadable-file', `the XLSX file cannot be read (${why}); save it again from Excel or WPS as .xlsx`);
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) throw unreadable('not a zip file');
  const count = view.getUint16(end + 10, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw unreadable('ZIP64 is not supported');
  const entries = new Map<string, ZipEntry>();
  let at = directoryOffset;
  for (let index = 0; index < count; index++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw unreadable('a damaged zip directory');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength)).replace(/^\//, '');
    at += 46 + skip;
    if (flags & 0x1) throw unreadable('it is encrypted: save it without a password');
    if (local + 30 > bytes.length || view.getUint32(local, true) !== 0x04034b50) throw unreadable('a damaged zip entry');
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    if (start + compressedSize > bytes.length) throw unreadable('a truncated zip entry');
    entries.set(name.toLowerCase(), { name, method, start, end: start + compressedSize });
  }
  return entries;
}

/**
 * One zip entry as text, inflated a chunk at a time (zlib waits while nobody reads), every byte
 * counted against the budget. The decoder streams, so a character split between chunks stays
 * whole; bytes that are not UTF-8 become U+FFFD and the cells holding them are refused.
 */
export async function* inflatedText(zip: Uint8Array, entry: ZipEntry, budget: { left: number; limit: number }): AsyncGenerator<string> {
  const compressed = zip.subarray(entry.start, entry.end);
  let chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  if (entry.method === 0) chunks = slices(compressed);
  else if (entry.method === 8) {
    const inflater = createInflateRaw();
    inflater.end(compressed);
    chunks = inflater;
  } else throw new ProblemError('unreadable-file', `the XLSX file packs ${entry.name} in a way Excel does not (zip method ${entry.method})`);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    budget.left -= chunk.byteLength;
    if (budget.left < 0) {
      throw new ProblemError(
        'payload-too-large',
        `the XLSX file unpacks to more than ${budget.limit / 1024 / 1024} MB (at ${entry.name}); nothing was imported. Split it into smaller files`,
      );
    }
    yield decoder.decode(chunk, { stream: true });
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

/** Bytes in slices, as a stream would give them. */
export function* slices(bytes: Uint8Array, size = 64 * 1024): Generator<Uint8Array> {
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}
