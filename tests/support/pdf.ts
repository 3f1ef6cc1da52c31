import { inflateSync } from 'node:zlib';

/**
 * Just enough of PDF to check what Chromium printed (page.pdf): how many pages, and the text on them. Chromium
 * (Skia) writes plain objects (no object streams), Flate-compressed content streams, hex-string glyphs with a
 * ToUnicode map per font, and ActualText spans where a glyph's map is not the character shown.
 */

interface PdfObject {
  dict: string;
  stream: Buffer | null;
}

function objectsOf(pdf: Buffer): Map<number, PdfObject> {
  const objects = new Map<number, PdfObject>();
  for (const match of pdf.toString('latin1').matchAll(/(\d+) 0 obj\s*([\s\S]*?)endobj/g)) {
    const body = match[2] ?? '';
    const streamAt = body.search(/stream\r?\n/);
    if (streamAt < 0) {
      objects.set(Number(match[1]), { dict: body, stream: null });
      continue;
    }
    const dict = body.slice(0, streamAt);
    const start = streamAt + (body[streamAt + 6] === '\r' ? 8 : 7);
    const length = /\/Length (\d+)(?! \d+ R)/.exec(dict)?.[1];
    const raw = Buffer.from(
      length ? body.slice(start, start + Number(length)) : body.slice(start, body.lastIndexOf('endstream')),
      'latin1',
    );
    objects.set(Number(match[1]), { dict, stream: dict.includes('/FlateDecode') ? inflateSync(raw) : raw });
  }
  return objects;
}

const pageObject = /\/Type\s*\/Page(?![a-zA-Z])/;

/** The page objects (`/Type /Page`; the `/Type /Pages` nodes of the page tree are not pages). */
export function pdfPageCount(pdf: Buffer): number {
  return [...objectsOf(pdf).values()].filter((object) => pageObject.test(object.dict)).length;
}

function utf16(hex: string): string {
  const bytes = Buffer.from(hex, 'hex');
  let text = '';
  for (let at = 0; at + 1 < bytes.length; at += 2) text += String.fromCharCode(bytes.readUInt16BE(at));
  return text.replace(/^\uFEFF/, '');
}

interface CMap {
  width: number;
  chars: Map<number, string>;
}

function cmapOf(source: string): CMap {
  const width = (/begincodespacerange\s*<([0-9A-Fa-f]+)>/.exec(source)?.[1]?.length ?? 2) / 2;
  const chars = new Map<number, string>();
  for (const block of source.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const [, code, text] of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
      chars.set(Number.parseInt(code ?? '', 16), utf16(text ?? ''));
    }
  }
  for (const block of source.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const [, from, to, first] of (block[1] ?? '').matchAll(
      /<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g,
    )) {
      const start = Number.parseInt(from ?? '', 16);
      const base = Number.parseInt(first ?? '', 16);
      for (let code = start; code <= Number.parseInt(to ?? '', 16); code += 1) {
        chars.set(code, String.fromCodePoint(base + code - start));
      }
    }
  }
  return { width, chars };
}

function decode(hex: string, cmap: CMap | undefined): string {
  if (!cmap) return '';
  let text = '';
  const step = cmap.width * 2;
  for (let at = 0; at + step <= hex.length; at += step) {
    text += cmap.chars.get(Number.parseInt(hex.slice(at, at + step), 16)) ?? '';
  }
  return text;
}

const refsOf = (source: string) => [...source.matchAll(/(\d+) 0 R/g)].map((match) => Number(match[1]));

/** The text of every page, in drawing order, with no spaces added between the runs. */
export function pdfText(pdf: Buffer): string {
  const objects = objectsOf(pdf);
  const streamText = (id: number) => objects.get(id)?.stream?.toString('latin1') ?? '';
  let text = '';
  for (const page of [...objects.values()].filter((object) => pageObject.test(object.dict))) {
    const fonts = new Map<string, CMap>();
    for (const [, name, id] of (/\/Font\s*<<([^>]*)>>/.exec(page.dict)?.[1] ?? '').matchAll(/\/(\S+)\s+(\d+) 0 R/g)) {
      const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(objects.get(Number(id))?.dict ?? '')?.[1];
      if (name && toUnicode) fonts.set(name, cmapOf(streamText(Number(toUnicode))));
    }
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(page.dict)?.[1] ?? '';
    const operators =
      /\/([A-Za-z0-9]+)\s+[-\d.]+\s+Tf|<([0-9A-Fa-f]*)>\s*Tj|\[([^\]]*)\]\s*TJ|\/ActualText\s*<([0-9A-Fa-f]*)>|\bEMC\b/g;
    for (const id of refsOf(contents)) {
      let font: CMap | undefined;
      // Inside an ActualText span the span's text stands for the glyphs drawn.
      let spanned = false;
      for (const [operator, fontName, shown, shownArray, actual] of streamText(id).matchAll(operators)) {
        if (fontName) font = fonts.get(fontName);
        else if (actual !== undefined) {
          text += utf16(actual);
          spanned = true;
        } else if (operator === 'EMC') spanned = false;
        else if (!spanned && shown !== undefined) text += decode(shown, font);
        else if (!spanned && shownArray !== undefined) {
          for (const [, hex] of shownArray.matchAll(/<([0-9A-Fa-f]*)>/g)) text += decode(hex ?? '', font);
        }
      }
    }
  }
  return text;
}
