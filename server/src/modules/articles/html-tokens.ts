/**
 * A tokenizer for the HTML of article bodies, after the states of the WHATWG tokenizer that matter here:
 * tags with quoted/unquoted attributes, comments (incl. `<!-->`), bogus comments (`<!DOCTYPE>`, `<![CDATA[`,
 * `<?…>`, `</1>`), and raw-text elements (`<script>`, `<style>`, … whose content is never markup). A tag or
 * comment cut off by the end of the input is dropped, as browsers do.
 *
 * The sanitiser does not trust it to agree with a browser on every malformed input: it only reads the tokens
 * and writes fresh, fully escaped markup from an allow-list, so a token read "wrongly" can lose content but
 * cannot let markup through.
 */

export type Token =
  | { type: 'text'; value: string }
  | { type: 'start'; name: string; attributes: Map<string, string>; selfClosing: boolean }
  | { type: 'end'; name: string };

/** Elements whose content the tokenizer skips as text (never as tags); the sanitiser drops it. */
export const RAW_TEXT_ELEMENTS: ReadonlySet<string> = new Set([
  'script',
  'style',
  'xmp',
  'iframe',
  'noembed',
  'noframes',
  'noscript',
  'textarea',
  'title',
]);

const isSpace = (character: string | undefined) =>
  character === ' ' || character === '\n' || character === '\t' || character === '\f' || character === '\r';

const isAsciiLetter = (character: string | undefined) =>
  character !== undefined && ((character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z'));

interface TagRead {
  name: string;
  attributes: Map<string, string>;
  selfClosing: boolean;
  end: number;
}

/** Reads a tag from the first character of its name; null when the input ends inside it. */
function readTag(html: string, from: number): TagRead | null {
  const length = html.length;
  let i = from;
  while (i < length && !isSpace(html[i]) && html[i] !== '/' && html[i] !== '>') i += 1;
  const name = html.slice(from, i).toLowerCase();
  const attributes = new Map<string, string>();
  let selfClosing = false;
  for (;;) {
    while (i < length && (isSpace(html[i]) || html[i] === '/')) {
      if (html[i] === '/' && html[i + 1] === '>') selfClosing = true;
      i += 1;
    }
    if (i >= length) return null;
    if (html[i] === '>') return { name, attributes, selfClosing, end: i + 1 };
    // An attribute name: its first character may be anything else, even `=`.
    const nameStart = i;
    i += 1;
    while (i < length && !isSpace(html[i]) && html[i] !== '/' && html[i] !== '>' && html[i] !== '=') i += 1;
    const attributeName = html.slice(nameStart, i).toLowerCase();
    while (i < length && isSpace(html[i])) i += 1;
    let value = '';
    if (html[i] === '=') {
      i += 1;
      while (i < length && isSpace(html[i])) i += 1;
      if (i >= length) return null;
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        const close = html.indexOf(quote, i + 1);
        if (close === -1) return null;
        value = html.slice(i + 1, close);
        i = close + 1;
      } else if (quote !== '>') {
        const start = i;
        while (i < length && !isSpace(html[i]) && html[i] !== '>') i += 1;
        value = html.slice(start, i);
      }
    }
    // The first of duplicate attributes wins.
    if (!attributes.has(attributeName)) attributes.set(attributeName, value);
  }
}

/** Where a bogus comment starting at `from` ends (after its `>`), or -1 when it runs to the end. */
function afterBogusComment(html: string, from: number): number {
  const close = html.indexOf('>', from);
  return close === -1 ? -1 : close + 1;
}

const COMMENT_END = /--!?>/g;

/** Splits HTML into text, start-tag and end-tag tokens (comments, doctypes and raw text are left out). */
export function* tokenize(input: string): Generator<Token> {
  // Input-stream preprocessing: newlines normalised; NUL characters never reach a tag name or text.
  const html = input.replace(/\r\n?/g, '\n').replace(/\0/g, '');
  const length = html.length;
  let i = 0;
  while (i < length) {
    const open = html.indexOf('<', i);
    if (open === -1) {
      yield { type: 'text', value: html.slice(i) };
      return;
    }
    if (open > i) yield { type: 'text', value: html.slice(i, open) };
    i = open;
    const next = html[i + 1];

    if (next === '!') {
      if (html.startsWith('<!--', i)) {
        if (html[i + 4] === '>') {
          i += 5; // <!-->
          continue;
        }
        if (html.startsWith('->', i + 4)) {
          i += 6; // <!--->
          continue;
        }
        COMMENT_END.lastIndex = i + 4;
        const end = COMMENT_END.exec(html);
        if (!end) return; // a comment to the end of the input
        i = end.index + end[0].length;
        continue;
      }
      i = afterBogusComment(html, i + 2); // <!DOCTYPE …>, <![CDATA[ … ]]> and the like
      if (i === -1) return;
      continue;
    }
    if (next === '?') {
      i = afterBogusComment(html, i + 2);
      if (i === -1) return;
      continue;
    }
    if (next === '/') {
      const after = html[i + 2];
      if (isAsciiLetter(after)) {
        const tag = readTag(html, i + 2);
        if (!tag) return;
        yield { type: 'end', name: tag.name };
        i = tag.end;
        continue;
      }
      if (after === '>') {
        i += 3; // </>
        continue;
      }
      if (after === undefined) {
        yield { type: 'text', value: '</' };
        return;
      }
      i = afterBogusComment(html, i + 2); // </ 1> and the like
      if (i === -1) return;
      continue;
    }
    if (isAsciiLetter(next)) {
      const tag = readTag(html, i + 1);
      if (!tag) return;
      yield { type: 'start', name: tag.name, attributes: tag.attributes, selfClosing: tag.selfClosing };
      i = tag.end;
      if (tag.name === 'plaintext') return; // everything after it is text: dropped with it
      if (RAW_TEXT_ELEMENTS.has(tag.name)) {
        const closing = new RegExp(`</${tag.name}[\\t\\n\\f\\r />]`, 'gi');
        closing.lastIndex = i;
        const end = closing.exec(html);
        if (!end) return; // raw text to the end of the input
        i = end.index; // the end tag is read by the next round
      }
      continue;
    }
    yield { type: 'text', value: '<' };
    i += 1;
  }
}
