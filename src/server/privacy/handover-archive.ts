/**
 * The successor's hand-over package as one POSIX tar (ustar) file: readable with `tar -xf` on any
 * system, no compression (the manifest's SHA-256 digests are of the files as they are). Written
 * here rather than with a library: a tar of a few regular files is headers of 512 bytes, each
 * file padded to 512, and two empty blocks at the end.
 */
export function tarArchive(files: { name: string; content: Buffer | string }[], mtime: Date): Buffer {
  const blocks: Buffer[] = [];
  for (const f of files) {
    const body = typeof f.content === "string" ? Buffer.from(f.content, "utf8") : f.content;
    if (Buffer.byteLength(f.name) > 100) throw new RangeError(`tar: name too long: ${f.name}`);
    const header = Buffer.alloc(512, 0);
    header.write(f.name, 0, 100, "utf8");
    header.write(octal(0o644, 8), 100, "ascii"); // mode
    header.write(octal(0, 8), 108, "ascii"); // uid
    header.write(octal(0, 8), 116, "ascii"); // gid
    header.write(octal(body.length, 12), 124, "ascii"); // size
    header.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, "ascii"); // mtime
    header.fill(0x20, 148, 156); // checksum counted as spaces
    header.write("0", 156, "ascii"); // regular file
    header.write("ustar\u000000", 257, "binary"); // magic "ustar\0" + version "00"
    let sum = 0;
    for (const b of header) sum += b;
    header.write(`${sum.toString(8).padStart(6, "0")}\u0000 `, 148, "binary");
    blocks.push(header, body, Buffer.alloc((512 - (body.length % 512)) % 512, 0));
  }
  blocks.push(Buffer.alloc(1024, 0));
  return Buffer.concat(blocks);
}

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, "0")}\u0000`;
}
