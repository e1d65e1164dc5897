import { Tokenizer, type TokenizerCallbacks } from 'htmlparser2';

/**
 * A saved page → its element tree, built the way a browser builds it wherever that changes what
 * the HTML reader sees. The tokens are htmlparser2's (its tokenizer decodes every named and
 * numeric entity); the tree is ours, after the WHATWG rules as parse5 implements them, so that a
 * page gives the rows, cells, lines and columns that parse5 gave, in a fifth of the time (parse5
 * builds the full standard tree, with a location object for every node and attribute; the reader
 * needs the tables, the text and where each starts).
 *
 * What is built after the standard: the stack of open elements and its scopes; `<td>`, `<tr>`,
 * `<p>`, `<li>`, `<dd>`, `<dt>`, headings and `<option>` closed by what implies their end; rows and
 * sections implied by a cell (`<table><td>`); text and elements written in a table outside its
 * cells moved before the table (foster parenting); a `<table>` met in a table outside a cell
 * closing it; `<form>` and hidden inputs in tables; the quirks mode of a page without a modern
 * doctype (a `<table>` does not close a `<p>` there); formatting elements (`<b>`, `<font>`…)
 * closed by a block and opened again after it, and a block left where it is when a formatting
 * element closes around it (the adoption agency, simplified: it moves nothing the reader sees);
 * raw text (`<script>`, `<style>`, `<title>`, `<textarea>`, `<noscript>`, `<iframe>`…) found here
 * and not by the tokenizer, which reads some of it where a browser does not, and the other way
 * round; `<template>` content left out; SVG and MathML, with the HTML tags that break out of them;
 * `<select>`; a `<frameset>` page; the newline after `<pre>`; text nodes merged where a browser
 * merges them (a text run's line is where its first node with more than blanks starts).
 *
 * Not as parse5, seen only in contrived pages: a `<template>`'s content is skipped to its end tag
 * (parse5 lets a table's end tags end one left open); a fourth identical formatting element in a
 * row is reopened too (parse5 keeps three; no text changes).
 */

/** An element; `start` is the offset of its `<` (−1: implied, like the `<tbody>` of `<table><tr>`). */
export class Element {
  readonly children: Node[] = [];
  parent: Element | undefined;
  rowspan: string | undefined;
  colspan: string | undefined;
  /** A table with a table inside (in a cell, a caption): one that lays out the page. */
  holdsTable = false;
  /** A foreign element whose content is HTML again (`<foreignObject>`, `<mtext>`…). */
  integration = false;
  constructor(
    readonly tag: string,
    readonly start: number,
    /** SVG or MathML, or HTML (''). */
    readonly foreign: '' | 'svg' | 'math' = '',
    /** Its classes (below: SPECIAL, SCOPE…). */
    readonly flags = flagsOf(tag),
  ) {}
}

/** Text, with the offset where it starts in the page (its leading blanks included). */
export class Text {
  constructor(
    public value: string,
    readonly start: number,
  ) {}
}

/** A comment: nothing to read, but text on either side of it is two text nodes. */
export class Comment {}

export type Node = Element | Text | Comment;

/**
 * How deep elements may nest. A report page nests a few dozen; a page nested thousands deep (a
 * hostile or broken one) would take time and stack in proportion. Blink stops nesting at 512 too.
 */
export const MAX_HTML_DEPTH = 512;

/** A page nested deeper than MAX_HTML_DEPTH: where the element that went too deep starts. */
export class TooDeep extends Error {
  constructor(readonly offset: number) {
    super('nested too deep');
  }
}

export function parseHtml(text: string): Element {
  const builder = new TreeBuilder(text);
  builder.run();
  return builder.root;
}

/**
 * Tag names as one string each, the internalised one of a property key (V8 compares those by
 * identity), so that the many comparisons of a tag with a name are cheap.
 */
const NAMES: Record<string, string> = Object.create(null) as Record<string, string>;
const intern = (name: string): string => (NAMES[name] ??= Object.keys({ [name]: 0 })[0]!);
const set = (words: string) => new Set(words.split(' ').map(intern));

/**
 * Each class of tags below is a bit of a tag's flags, looked up once per tag (an element keeps
 * its own) rather than a set consulted at every test.
 */
const FLAGS = new Map<string, number>();
let bits = 0;
const tags = (words: string): number => {
  const bit = 1 << bits++;
  for (const name of words.split(' ').map(intern)) FLAGS.set(name, (FLAGS.get(name) ?? 0) | bit);
  return bit;
};
const flagsOf = (tag: string): number => FLAGS.get(tag) ?? 0;
const is = (element: Element, kind: number): boolean => (element.flags & kind) !== 0;

/**
 * The tags named in the rules, and those common in reports, recognised without a string made:
 * by a hash of their length and first and last letters.
 */
const KNOWN: (string[] | undefined)[] = new Array<string[] | undefined>(1024);
const nameKey = (text: string, start: number, end: number) =>
  ((end - start) * 97 + (text.charCodeAt(start) | 0x20) * 31 + (text.charCodeAt(end - 1) | 0x20)) & 1023;
const know = (words: string) => {
  for (const name of words.split(' ').map(intern)) {
    const names = (KNOWN[nameKey(name, 0, name.length)] ??= []);
    if (!names.includes(name)) names.push(name);
  }
};

/** The lower-case name written at `start`–`end` (ASCII letters folded, as a browser does). */
function nameAt(text: string, start: number, end: number): string {
  const names = KNOWN[nameKey(text, start, end)];
  if (names)
    for (const name of names) {
      let i = 0;
      for (; i < name.length; i++) {
        const c = text.charCodeAt(start + i);
        const k = name.charCodeAt(i);
        if (c !== k && (k < 97 || (c | 0x20) !== k)) break;
      }
      if (i === name.length) return name;
    }
  const name = text.slice(start, end).toLowerCase();
  return NAMES[name] ?? name;
}

/** Elements whose start tag closes an open `<p>` (besides those handled on their own). */
const CLOSES_P = tags('address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer header hgroup main menu nav ol p search section summary ul');
/** End tags that close their element only when it is in scope. */
const BLOCK_ENDS = tags('address article aside blockquote button center details dialog dir div dl fieldset figcaption figure footer header hgroup listing main menu nav ol pre search section summary ul applet marquee object dd dt');
const IMPLIED_END = tags('dd dt li optgroup option p rb rp rt rtc');
/** Void elements that reopen closed formatting elements before them (not `<hr>`, `<meta>`…). */
const REOPENS = tags('area br embed img image input keygen wbr');
/** Start tags reaching the end of the body rules that do not reopen formatting elements. */
const NO_REOPEN = tags('title script style template base basefont bgsound link meta noscript noframes iframe noembed textarea plaintext rb rtc rt rp pre listing form li dd dt table');
const HEADINGS = tags('h1 h2 h3 h4 h5 h6');
const FORMATTING = tags('a b big code em font i nobr s small strike strong tt u');
const VOID = tags('area base basefont bgsound br col embed hr img input keygen link meta param source track wbr');
/** What may stand in a page's `<head>` without starting its body. */
const HEAD = tags('base basefont bgsound link meta title noscript noframes style script template');
/**
 * Elements whose content a browser reads as text, up to their end tag (`<noscript>` too, scripting
 * being on). Found here, not by htmlparser2's tokenizer, which reads some of them as markup and
 * the others as text even where a browser does not (a `<title>` in `<svg>`, an ignored tag).
 */
const RAW = tags('script style xmp iframe noembed noframes noscript plaintext title textarea');
/** Read as raw text by htmlparser2's tokenizer after their start tag, wherever they stand. */
const RAW_BY_TOKENIZER = tags('script style title textarea xmp');
/** Raw text whose entities are decoded. */
const RCDATA = tags('title textarea');
/** The WHATWG "special" elements: an end tag of an inline element does not close them. */
const SPECIAL = tags(
  'address applet area article aside base basefont bgsound blockquote body br button caption center col colgroup dd details dialog dir div dl dt embed fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html iframe img input keygen li link listing main marquee menu meta nav noembed noframes noscript object ol p param plaintext pre script search section select source style summary table tbody td template textarea tfoot th thead title tr track ul wbr xmp #document',
);
const SCOPE = tags('applet caption html table td th marquee object template #document');
/** The current nodes at which text and elements in a table go before it (foster parenting). */
const TABLE_NODES = tags('table tbody tfoot thead tr');
const SECTIONS = tags('tbody tfoot thead');
/** In a `<select>` in a table, the tags that close the select (parse5's list: not `<col>`). */
const SELECT_ENDS = tags('caption table tbody tfoot thead tr td th');
const CELL_TAGS = tags('caption col colgroup tbody td tfoot th thead tr');
/** The elements whose attributes are read: a cell's spans, a hidden input, foreign content's. */
const ATTRIBUTES = tags('td th input font annotation-xml');
/** HTML tags that end an `<svg>` or `<math>` they appear in. */
const BREAKOUT = tags(
  'b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li listing menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var',
);
/** Foreign elements whose content is HTML again. */
const SVG_INTEGRATION = set('foreignobject desc title');
const MATH_INTEGRATION = set('mi mo mn ms mtext');

type Mode = 'body' | 'table' | 'section' | 'row' | 'cell' | 'caption' | 'colgroup' | 'select';
/** What a table mode did with a token: done, hand it to the body rules, or look again (the stack changed). */
type Outcome = 'done' | 'body' | 'again';

const isNewline = (c: number) => c === 10 || c === 13;
const isBlank = (c: number) => c === 32 || c === 10 || c === 9 || c === 12 || c === 13;

class TreeBuilder implements TokenizerCallbacks {
  readonly root = new Element('#document', -1);
  private readonly stack: Element[] = [this.root];
  /** Before the body: blanks are dropped, the head's elements kept. */
  private inBody = false;
  /** Nothing but blanks and comments so far: a doctype here decides the quirks mode. */
  private initial = true;
  private quirks = true;
  /** After `</body>`: a comment goes to the document, not between two texts of the body. */
  private afterBody = false;
  private form: Element | undefined;
  /** The formatting elements open or to reopen (`null`: a cell's, caption's or object's boundary). */
  private readonly formatting: (Element | null)[] = [];
  /** Inside `<template>`s: their content is not the page's. */
  private templates = 0;
  /** In a `<frameset>` page. */
  private frameset = false;
  /**
   * The tokenizer, and where its input starts in the page: one is paused and a new one started
   * after text that a browser reads raw and htmlparser2 does not (or the other way round).
   */
  private tokenizer!: Tokenizer;
  private base = 0;
  private resumeAt = -1;
  /** In the tokenizer's `end()`: what it gives as text now is what was left of the page. */
  private ending = false;
  /** Text read but not yet placed (a run of it in a table goes before the table if not blank). */
  private pending = '';
  private pendingStart = 0;
  /** Where text after the last tag starts. */
  private textStart = 0;
  /** The newline right after `<pre>` is not text. */
  private skipNewline = -1;
  /** While tokenizing a start tag. */
  private tag = '';
  private tagFlags = 0;
  private tagStart = 0;
  private attrs = false;
  private attrName = '';
  private attrValue = '';
  private rowspan: string | undefined;
  private colspan: string | undefined;
  private type: string | undefined;
  private encoding: string | undefined;
  /** A `<font>` with a colour, face or size ends an `<svg>` like the HTML tags in BREAKOUT. */
  private fontBreaks = false;

  constructor(private readonly text: string) {}

  run(): void {
    for (let from = 0; ; ) {
      this.base = from;
      this.resumeAt = -1;
      this.textStart = from;
      this.tokenizer = new Tokenizer({ decodeEntities: true }, this);
      this.tokenizer.write(from === 0 ? this.text : this.text.slice(from));
      if (this.resumeAt < 0) {
        // What the tokenizer holds at the end (a comment not closed…) may call for a restart too.
        this.ending = true;
        this.tokenizer.end();
        this.ending = false;
        if (this.resumeAt < 0) return;
      }
      from = this.resumeAt;
      if (from >= this.text.length) return this.flushText();
    }
  }

  /** Stops the tokenizer after the current token; the next one starts at `at`. */
  private restartAt(at: number): void {
    this.resumeAt = at;
    this.tokenizer.pause();
  }

  // ——— tokenizer callbacks (offsets from `base`) ———

  onopentagname(start: number, end: number): void {
    start += this.base;
    this.tag = nameAt(this.text, start, end + this.base);
    this.tagStart = start - 1;
    this.tagFlags = flagsOf(this.tag);
    this.attrs = (this.tagFlags & ATTRIBUTES) !== 0;
    this.rowspan = this.colspan = this.type = this.encoding = undefined;
    this.fontBreaks = false;
  }

  onattribname(start: number, end: number): void {
    if (!this.attrs) return;
    this.attrName = this.text.slice(start + this.base, end + this.base).toLowerCase();
    this.attrValue = '';
  }

  onattribdata(start: number, end: number): void {
    if (this.attrs) this.attrValue += this.text.slice(start + this.base, end + this.base);
  }

  onattribentity(codepoint: number): void {
    if (this.attrs) this.attrValue += String.fromCodePoint(codepoint);
  }

  onattribend(): void {
    if (!this.attrs) return;
    // The first of a repeated attribute counts.
    if (this.attrName === 'rowspan') this.rowspan ??= this.attrValue;
    else if (this.attrName === 'colspan') this.colspan ??= this.attrValue;
    else if (this.attrName === 'type') this.type ??= this.attrValue;
    else if (this.attrName === 'encoding') this.encoding ??= this.attrValue;
    else if (this.attrName === 'color' || this.attrName === 'face' || this.attrName === 'size') this.fontBreaks = true;
  }

  onopentagend(end: number): void {
    this.textStart = end + this.base + 1;
    this.startTag(false);
  }

  onselfclosingtag(end: number): void {
    this.textStart = end + this.base + 1;
    this.startTag(true);
  }

  onclosetag(start: number, end: number): void {
    const text = this.text;
    start += this.base;
    end += this.base;
    // The name ends at a `/` too (`</td/>`), for a browser.
    for (let i = start; i < end; i++)
      if (text.charCodeAt(i) === 47) {
        end = i;
        break;
      }
    const close = endOfEndTag(text, end);
    // The page stops inside the tag: a browser drops it, and reads nothing more.
    if (close === -1) return this.restartAt(text.length);
    if (text.charCodeAt(end) !== 62 && close !== text.indexOf('>', end)) this.restartAt(close + 1);
    this.textStart = close + 1;
    // `</ td>` is a comment to a browser.
    if (text.charCodeAt(start - 1) !== 47) return this.comment();
    this.endTag(nameAt(text, start, end));
  }

  ontext(start: number, end: number): void {
    if (this.templates || this.frameset) return;
    if (this.ending && !this.endsAsText(start)) return;
    const text = this.text;
    start += this.base;
    end += this.base;
    // htmlparser2 leaves an empty end tag `</>` in the text after it; a browser drops it.
    while (text.startsWith('</>', start)) start += 3;
    let from = start;
    if (start === this.skipNewline) {
      const c = text.charCodeAt(start);
      if (c === 10) start++;
      else if (c === 13) start += text.charCodeAt(start + 1) === 10 ? 2 : 1;
      // A browser keeps the text's start where the blanks began, unless the newline was all of them.
      if (start < end && !isBlank(text.charCodeAt(start))) from = start;
    }
    if (start >= end) return;
    if (!this.pending) this.pendingStart = from;
    this.pending += text.slice(start, end);
  }

  ontextentity(codepoint: number): void {
    if (this.templates || this.frameset) return;
    if (!this.pending) this.pendingStart = this.textStart;
    this.pending += String.fromCodePoint(codepoint);
  }

  oncomment(start: number, end: number): void {
    this.textStart = end + this.base + 1;
    // `--!>` ends a comment too, for a browser (a `<!--` one, closed or not at the end of the page).
    const dashed = this.text.startsWith('<!--', start + this.base - 4);
    const bang = dashed ? this.text.indexOf('--!>', start + this.base) : -1;
    if (bang !== -1 && bang + 3 < end + this.base) this.restartAt((this.textStart = bang + 4));
    this.comment();
  }

  oncdata(start: number, end: number): void {
    this.textStart = end + this.base + 1;
    // `<![CDATA[` is a comment in HTML, which ends at the first `>`.
    const close = this.text.indexOf('>', start + this.base);
    if (close < end + this.base) this.restartAt((this.textStart = close + 1));
    this.comment();
  }

  onprocessinginstruction(_start: number, end: number): void {
    this.textStart = end + this.base + 1;
    this.comment();
  }

  ondeclaration(start: number, end: number): void {
    this.textStart = end + this.base + 1;
    const declaration = this.text.slice(start + this.base, end + this.base);
    if (!/^doctype/i.test(declaration)) return this.comment(); // `<![if !supportLists]>`
    if (this.templates) return;
    this.flushText();
    if (this.initial) this.quirks = quirksDoctype(declaration.slice(7));
    this.initial = false;
  }

  onend(): void {
    this.flushText();
  }

  /**
   * What the tokenizer gives as text at the end of the page is text to a browser too only if it
   * is a `<` or `</` alone, or text with an entity not finished; else the page stops in a tag, a
   * comment or a doctype, and a browser drops what is there.
   */
  private endsAsText(start: number): boolean {
    if (start < 0) return false;
    const rest = this.text.slice(start + this.base);
    return rest === '<' || rest === '</' || !/<([a-z!?]|\/[^>])/i.test(this.text.slice(this.textStart));
  }

  // ——— tokens ———

  private comment(): void {
    if (this.templates || this.frameset) return;
    this.flushText();
    if (!this.afterBody) this.current().children.push(new Comment());
  }

  private startTag(selfClosing: boolean): void {
    const tag = this.tag;
    const flags = this.tagFlags;
    if (this.frameset) {
      // A frameset page has no body: only the text of its <noframes> is read.
      if (tag === 'noframes') {
        this.push(new Element(tag, this.tagStart), false);
        this.rawText(this.current());
      } else if (flags & RAW_BY_TOKENIZER && !selfClosing) this.restartAt(this.textStart);
      return;
    }
    if (this.templates) {
      if (tag === 'template' && !selfClosing) this.templates++;
      return;
    }
    this.flushText();
    this.initial = false;
    if (!this.inBody) {
      if (tag === 'html' || tag === 'head') return;
      if (tag === 'frameset') {
        this.frameset = true;
        return;
      }
      if (!(flags & HEAD)) {
        this.inBody = true;
        if (tag === 'body') return;
      }
    }
    if (tag !== 'html') this.afterBody = false;
    const element = new Element(tag, this.tagStart, '', flags);
    element.rowspan = this.rowspan;
    element.colspan = this.colspan;
    let outcome: Outcome = 'again';
    while (outcome === 'again') {
      if (this.inForeign()) {
        if (!(flags & BREAKOUT) && !(tag === 'font' && this.fontBreaks)) {
          const foreign = this.foreignElement(tag, this.current().foreign || 'svg');
          this.append(foreign);
          if (selfClosing) return;
          this.open(foreign);
          if (flags & RAW_BY_TOKENIZER) this.restartAt(this.textStart); // `<svg><style>` is markup
          return;
        }
        this.leaveForeign();
      }
      const mode = this.mode();
      outcome =
        mode === 'body'
          ? 'body'
          : mode === 'table'
            ? this.startInTable(element)
            : mode === 'section'
              ? this.startInSection(element)
              : mode === 'row'
                ? this.startInRow(element)
                : mode === 'cell'
                  ? this.startInCell(element)
                  : mode === 'caption'
                    ? this.startInCaption(element)
                    : mode === 'colgroup'
                      ? this.startInColgroup(element)
                      : this.startInSelect(element);
    }
    if (outcome === 'body') this.startInBody(element, selfClosing);
    if (this.resumeAt >= 0) return;
    // `<script/>` is raw text too (a browser ignores the slash); a `<title>` that the tree does not
    // take (in a `<select>`, an `<svg>`) is not, where htmlparser2 would read it as text.
    if (flags & RAW && this.current() === element) this.rawText(element);
    else if (flags & RAW_BY_TOKENIZER && !selfClosing) this.restartAt(this.textStart);
  }

  private endTag(tag: string): void {
    if (this.templates) {
      if (tag === 'template') this.templates--;
      return;
    }
    if (this.frameset) return;
    this.flushText();
    this.initial = false;
    if (tag !== 'html') this.afterBody = false;
    if (!this.inBody) {
      if (tag !== 'body' && tag !== 'html' && tag !== 'br') return;
      this.inBody = true;
    }
    for (let outcome: Outcome = 'again'; outcome === 'again'; ) {
      if (this.inForeign()) {
        if (tag === 'br' || tag === 'p') this.leaveForeign();
        else {
          for (let i = this.stack.length - 1; i > 0 && this.stack[i]!.foreign; i--)
            if (this.stack[i]!.tag === tag) {
              this.truncate(i);
              return;
            }
        }
      }
      const mode = this.mode();
      outcome =
        mode === 'body'
          ? 'body'
          : mode === 'table'
            ? this.endInTable(tag)
            : mode === 'section'
              ? this.endInSection(tag)
              : mode === 'row'
                ? this.endInRow(tag)
                : mode === 'cell'
                  ? this.endInCell(tag)
                  : mode === 'caption'
                    ? this.endInCaption(tag)
                    : mode === 'colgroup'
                      ? this.endInColgroup(tag)
                      : this.endInSelect(tag);
      if (outcome === 'body') this.endInBody(tag);
    }
  }

  /** Text read since the last tag, placed where a browser places it. */
  private flushText(): void {
    if (!this.pending) return;
    let value = this.pending;
    let start = this.pendingStart;
    this.pending = '';
    if (this.templates) return;
    if (!this.inBody && this.current() === this.root) {
      // Blanks before the body are not the body's; the first other character starts it.
      let i = 0;
      while (i < value.length && isBlank(value.charCodeAt(i))) i++;
      if (i === value.length) return;
      this.initial = false;
      this.inBody = true;
      value = value.slice(i);
      start += i;
    }
    if (this.afterBody && /[^\t\n\f\r ]/.test(value)) this.afterBody = false;
    if (this.current().tag === 'colgroup' && this.mode() === 'colgroup') {
      let i = 0;
      while (i < value.length && isBlank(value.charCodeAt(i))) i++;
      if (i === value.length) return;
      this.stack.pop();
      value = value.slice(i);
      start += i;
    }
    const current = this.current();
    if (is(current, TABLE_NODES) && !current.foreign) {
      let blank = true;
      for (let i = 0; i < value.length && blank; i++) blank = isBlank(value.charCodeAt(i));
      if (blank) return; // blanks in a table stay in it, and are nothing to read
    }
    if (!this.inForeign() && this.mode() !== 'select') this.reconstruct();
    const target = this.current();
    if (is(target, TABLE_NODES) && !target.foreign) this.fosterText(value, start);
    else appendText(target, value, start);
  }

  // ——— the stack ———

  private current(): Element {
    return this.stack[this.stack.length - 1]!;
  }

  /** The insertion mode: set by the innermost table part (or select) open. */
  private mode(): Mode {
    for (let i = this.stack.length - 1; i > 0; i--) {
      const node = this.stack[i]!;
      if (node.foreign) continue;
      switch (node.tag) {
        case 'td':
        case 'th':
          return 'cell';
        case 'tr':
          return 'row';
        case 'tbody':
        case 'thead':
        case 'tfoot':
          return 'section';
        case 'caption':
          return 'caption';
        case 'colgroup':
          return 'colgroup';
        case 'table':
          return 'table';
        case 'select':
          return 'select';
      }
    }
    return 'body';
  }

  private inForeign(): boolean {
    const node = this.current();
    return node.foreign !== '' && !node.integration;
  }

  private leaveForeign(): void {
    while (this.inForeign()) this.stack.pop();
  }

  /** Whether an element `tag` is open with no boundary of the scope between it and the current node. */
  private inScope(tag: string, extra = 0): boolean {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const node = this.stack[i]!;
      if (node.tag === tag && !node.foreign) return true;
      if (is(node, SCOPE | extra)) return false;
    }
    return false;
  }

  /** As parse5 has it: only a table bounds the table scope (the standard adds `<template>`). */
  private inTableScope(tags: number | string): boolean {
    for (let i = this.stack.length - 1; i >= 0; i--) {
      const node = this.stack[i]!;
      if (node.foreign) continue;
      if (typeof tags === 'string' ? node.tag === tags : is(node, tags)) return true;
      if (node.tag === 'table' || node.tag === '#document') return false;
    }
    return false;
  }

  /** Pops to `length` elements (popping is cheaper than setting an array's length). */
  private truncate(length: number): void {
    while (this.stack.length > length) this.stack.pop();
  }

  private popUntil(tag: string): void {
    for (let i = this.stack.length - 1; i > 0; i--)
      if (this.stack[i]!.tag === tag && !this.stack[i]!.foreign) {
        this.truncate(i);
        return;
      }
  }

  /** Pops to the current node's nearest `stop` (or the document). */
  private clearBackTo(stop: number): void {
    while (this.stack.length > 1 && !is(this.current(), stop)) this.stack.pop();
  }

  private closeP(): void {
    if (this.inScope('p', BUTTON)) this.popUntil('p');
  }

  // ——— inserting ———

  /** Into the current node, or before the table when the current node is a table's (foster parenting). */
  private insert(element: Element): void {
    const current = this.current();
    if (is(current, TABLE_NODES) && !current.foreign) {
      const table = this.lastTable();
      const parent = table.parent!;
      parent.children.splice(parent.children.lastIndexOf(table), 0, element);
      element.parent = parent;
    } else this.append(element);
  }

  private append(element: Element): void {
    const current = this.current();
    current.children.push(element);
    element.parent = current;
  }

  private lastTable(): Element {
    for (let i = this.stack.length - 1; i > 0; i--) if (this.stack[i]!.tag === 'table') return this.stack[i]!;
    return this.root;
  }

  private fosterText(value: string, start: number): void {
    const table = this.lastTable();
    const parent = table.parent!;
    const at = parent.children.lastIndexOf(table);
    const before = at > 0 ? parent.children[at - 1] : undefined;
    if (before instanceof Text) before.value += value;
    else parent.children.splice(at, 0, new Text(value, start));
  }

  /** Onto the stack of open elements, which is as deep as the tree where the next element goes. */
  private open(element: Element): void {
    if (this.stack.length >= MAX_HTML_DEPTH) throw new TooDeep(Math.max(element.start, 0));
    this.stack.push(element);
  }

  private push(element: Element, foster = true): void {
    if (foster) this.insert(element);
    else this.append(element);
    this.open(element);
    if (element.tag === 'table') for (let up = element.parent; up; up = up.parent) if (up.tag === 'table') up.holdsTable = true;
  }

  /**
   * An SVG or MathML element: none is special or bounds a scope but the few whose content is HTML
   * again (and MathML's `<annotation-xml>`, which is HTML only with an HTML encoding).
   */
  private foreignElement(tag: string, ns: 'svg' | 'math'): Element {
    const point = ns === 'svg' ? SVG_INTEGRATION.has(tag) : MATH_INTEGRATION.has(tag) || tag === 'annotation-xml';
    const element = new Element(tag, this.tagStart, ns, point ? SPECIAL | SCOPE : 0);
    element.integration = point && (tag !== 'annotation-xml' || /^(text\/html|application\/xhtml\+xml)$/i.test(this.encoding ?? ''));
    return element;
  }

  private implied(tag: string): void {
    this.push(new Element(tag, -1), false);
  }

  /**
   * Raw text from after this tag to its end tag (or the end of the page), as a browser reads it:
   * the tokenizer is restarted after the end tag.
   */
  private rawText(element: Element): void {
    const text = this.text;
    let from = this.textStart;
    const end = element.tag === 'plaintext' ? -1 : endTagAt(text, element.tag, from);
    const close = end < 0 ? -1 : endOfEndTag(text, end + 2 + element.tag.length);
    // (an end tag the page stops in is dropped, the text before it kept)
    let value = text.slice(from, end < 0 ? text.length : end);
    if (element.tag === 'textarea' && isNewline(value.charCodeAt(0))) {
      // The newline right after `<textarea>` is not its text (as after `<pre>`).
      const skip = value.startsWith('\r\n') ? 2 : 1;
      value = value.slice(skip);
      if (!isBlank(value.charCodeAt(0))) from += skip;
    }
    if (is(element, RCDATA) && value.includes('&')) value = decodeEntities(value);
    if (value) appendText(element, value, from);
    if (this.current() === element) this.stack.pop();
    this.restartAt(close < 0 ? this.text.length : close + 1);
  }

  /**
   * Formatting elements closed by the end of a block (`<p><b>x</p>y`) open again, as copies, before
   * the text or inline element that follows: that text is a text node of its own (in a table, one
   * put before the table in its own copy).
   */
  private reconstruct(): void {
    const list = this.formatting;
    let i = list.length - 1;
    if (i < 0) return;
    const last = list[i];
    if (!last || this.stack.includes(last)) return;
    while (i > 0 && list[i - 1] && !this.stack.includes(list[i - 1]!)) i--;
    for (; i < list.length; i++) {
      const copy = new Element(list[i]!.tag, -1);
      this.push(copy);
      list[i] = copy;
    }
  }

  private marker(): void {
    this.formatting.push(null);
  }

  private clearToMarker(): void {
    while (this.formatting.length > 0 && this.formatting.pop() !== null);
  }

  /** The formatting element `tag` opened last in the current cell (or outside tables). */
  private formattingEntry(tag: string): number {
    for (let k = this.formatting.length - 1; k >= 0; k--) {
      const entry = this.formatting[k];
      if (!entry) return -1;
      if (entry.tag === tag) return k;
    }
    return -1;
  }

  /** An end tag closes its element unless a special one (a block) is open inside it. */
  private anyOtherEnd(tag: string): void {
    for (let i = this.stack.length - 1; i > 0; i--) {
      const node = this.stack[i]!;
      if (node.tag === tag) {
        this.truncate(i);
        return;
      }
      if (is(node, SPECIAL)) return;
    }
  }

  // ——— the body ———

  private startInBody(element: Element, selfClosing: boolean): void {
    const tag = element.tag;
    if (tag === 'html' || tag === 'body' || tag === 'head' || tag === 'frameset' || tag === 'frame' || is(element, CELL_TAGS)) return;
    if (is(element, CLOSES_P)) {
      this.closeP();
      return this.push(element);
    }
    if (is(element, HEADINGS)) {
      this.closeP();
      if (is(this.current(), HEADINGS)) this.stack.pop();
      return this.push(element);
    }
    if (is(element, FORMATTING)) return this.startFormatting(element);
    if (is(element, VOID) || tag === 'image') {
      if (tag === 'hr') this.closeP();
      else if (is(element, REOPENS)) this.reconstruct();
      return this.insert(tag === 'image' ? new Element('img', element.start) : element);
    }
    switch (tag) {
      case 'template':
        this.insert(element);
        this.templates = 1;
        return;
      case 'pre':
      case 'listing':
      case 'plaintext':
      case 'xmp':
        this.closeP();
        if (tag === 'xmp') this.reconstruct();
        this.push(element);
        if (tag === 'pre' || tag === 'listing') this.skipNewline = this.textStart;
        return;
      case 'form':
        if (this.form) return;
        this.closeP();
        this.push(element);
        this.form = element;
        return;
      case 'li':
      case 'dd':
      case 'dt':
        return this.startListItem(element);
      case 'button':
        if (this.inScope('button')) this.popUntil('button');
        this.reconstruct();
        return this.push(element);
      case 'applet':
      case 'marquee':
      case 'object':
        this.reconstruct();
        this.push(element);
        return this.marker();
      case 'table':
        if (!this.quirks) this.closeP();
        return this.push(element);
      case 'option':
      case 'optgroup':
        if (this.current().tag === 'option') this.stack.pop();
        this.reconstruct();
        return this.push(element);
      case 'rb':
      case 'rtc':
      case 'rt':
      case 'rp':
        if (this.inScope('ruby')) while (is(this.current(), IMPLIED_END) && !(this.current().tag === 'rtc' && (tag === 'rt' || tag === 'rp'))) this.stack.pop();
        return this.push(element);
      case 'svg':
      case 'math': {
        this.reconstruct();
        const foreign = this.foreignElement(tag, tag);
        this.insert(foreign);
        if (!selfClosing) this.open(foreign);
        return;
      }
    }
    if (!is(element, NO_REOPEN)) this.reconstruct();
    this.push(element);
  }

  private startFormatting(element: Element): void {
    const tag = element.tag;
    if (tag === 'a') {
      // An `<a>` still open closes first.
      const k = this.formattingEntry('a');
      if (k >= 0) {
        const a = this.formatting[k]!;
        this.endFormatting('a');
        const at = this.stack.lastIndexOf(a);
        if (at > 0) this.stack.splice(at, 1);
        const still = this.formatting.lastIndexOf(a);
        if (still >= 0) this.formatting.splice(still, 1);
      }
    }
    this.reconstruct();
    if (tag === 'nobr' && this.inScope('nobr')) {
      this.endFormatting('nobr');
      this.reconstruct();
    }
    this.push(element);
    this.formatting.push(element);
  }

  private startListItem(element: Element): void {
    const tag = element.tag;
    const closes = tag === 'li' ? (t: string) => t === 'li' : (t: string) => t === 'dd' || t === 'dt';
    for (let i = this.stack.length - 1; i > 0; i--) {
      const node = this.stack[i]!;
      if (closes(node.tag)) {
        this.truncate(i);
        break;
      }
      if (is(node, SPECIAL) && node.tag !== 'address' && node.tag !== 'div' && node.tag !== 'p') break;
    }
    this.closeP();
    this.push(element);
  }

  private endInBody(tag: string): void {
    if (tag === 'body' || tag === 'html') {
      this.afterBody = this.inScope('#document');
      return;
    }
    if (tag === 'p') {
      if (this.inScope('p', BUTTON)) this.popUntil('p');
      else this.insert(new Element('p', -1)); // `</p>` alone: an empty paragraph
      return;
    }
    if (tag === 'br') {
      this.reconstruct();
      return this.insert(new Element('br', -1));
    }
    if (tag === 'form') {
      const form = this.form;
      this.form = undefined;
      if (!form || !this.inScope('form')) return;
      while (is(this.current(), IMPLIED_END)) this.stack.pop();
      const at = this.stack.lastIndexOf(form);
      if (at > 0) this.stack.splice(at, 1);
      return;
    }
    const flags = flagsOf(tag);
    if (flags & FORMATTING) return this.endFormatting(tag);
    if (flags & HEADINGS) {
      for (let i = this.stack.length - 1; i > 0; i--) {
        const node = this.stack[i]!;
        if (is(node, HEADINGS)) {
          this.truncate(i);
          return;
        }
        if (is(node, SCOPE)) return;
      }
      return;
    }
    if (tag === 'li') {
      if (this.inScope('li', LIST)) this.popUntil('li');
      return;
    }
    if (flags & BLOCK_ENDS) {
      if (!this.inScope(tag)) return;
      this.popUntil(tag);
      if (tag === 'applet' || tag === 'marquee' || tag === 'object') this.clearToMarker();
      return;
    }
    this.anyOtherEnd(tag);
  }

  /**
   * `</b>` and the like (the adoption agency, simplified). A block opened inside the formatting
   * element stays open, as in a browser, which moves the block's content into a copy of the
   * element: the text after it starts a new text node.
   */
  private endFormatting(tag: string): void {
    const k = this.formattingEntry(tag);
    if (k < 0) return this.anyOtherEnd(tag);
    const i = this.stack.lastIndexOf(this.formatting[k]!);
    if (i < 0) {
      this.formatting.splice(k, 1);
      return;
    }
    if (!this.inScope(tag)) return;
    this.formatting.splice(k, 1);
    let block = false;
    for (let j = i + 1; j < this.stack.length && !block; j++) block = is(this.stack[j]!, SPECIAL);
    if (!block) {
      this.truncate(i);
      return;
    }
    // What the adoption agency leaves open: the blocks, and the formatting elements between them.
    this.stack.splice(i, 1);
    let top = this.stack.length - 1;
    while (!is(this.stack[top]!, SPECIAL)) top--;
    this.truncate(top + 1);
    for (let j = top - 1; j >= i; j--) if (!is(this.stack[j]!, SPECIAL | FORMATTING)) this.stack.splice(j, 1);
    this.current().children.push(new Element(tag, -1));
  }

  // ——— tables ———

  private startInTable(element: Element): Outcome {
    switch (element.tag) {
      case 'caption':
      case 'colgroup':
      case 'tbody':
      case 'thead':
      case 'tfoot':
        this.clearBackTo(TABLE_CONTEXT);
        this.push(element, false);
        if (element.tag === 'caption') this.marker();
        return 'done';
      case 'col':
        this.clearBackTo(TABLE_CONTEXT);
        this.implied('colgroup');
        this.append(element);
        return 'done';
      case 'td':
      case 'th':
      case 'tr':
        this.clearBackTo(TABLE_CONTEXT);
        this.implied('tbody');
        return 'again';
      case 'table':
        if (!this.inTableScope('table')) return 'done';
        this.popUntil('table');
        return 'again';
      case 'style':
      case 'script':
        this.push(element, false);
        return 'done';
      case 'template':
        this.append(element);
        this.templates = 1;
        return 'done';
      case 'input':
        if (this.type?.toLowerCase() !== 'hidden') return 'body';
        this.append(element);
        return 'done';
      case 'form':
        if (!this.form) {
          this.append(element);
          this.form = element;
        }
        return 'done';
    }
    return 'body';
  }

  private startInSection(element: Element): Outcome {
    switch (element.tag) {
      case 'tr':
        this.clearBackTo(SECTION_CONTEXT);
        this.push(element, false);
        return 'done';
      case 'td':
      case 'th':
        this.clearBackTo(SECTION_CONTEXT);
        this.implied('tr');
        return 'again';
      case 'caption':
      case 'col':
      case 'colgroup':
      case 'tbody':
      case 'tfoot':
      case 'thead':
        if (!this.inTableScope(SECTIONS)) return 'done';
        this.clearBackTo(SECTION_CONTEXT);
        this.stack.pop();
        return 'again';
    }
    return this.startInTable(element);
  }

  private startInRow(element: Element): Outcome {
    switch (element.tag) {
      case 'td':
      case 'th':
        this.clearBackTo(ROW_CONTEXT);
        this.push(element, false);
        this.marker();
        return 'done';
      case 'caption':
      case 'col':
      case 'colgroup':
      case 'tbody':
      case 'tfoot':
      case 'thead':
      case 'tr':
        if (!this.inTableScope('tr')) return 'done';
        this.clearBackTo(ROW_CONTEXT);
        this.stack.pop();
        return 'again';
    }
    return this.startInTable(element);
  }

  private startInCell(element: Element): Outcome {
    if (!is(element, CELL_TAGS)) return 'body';
    if (!this.inTableScope(CELLS)) return 'done';
    this.closeCell();
    return 'again';
  }

  private startInCaption(element: Element): Outcome {
    if (!is(element, CELL_TAGS)) return 'body';
    if (!this.inTableScope('caption')) return 'done';
    this.popUntil('caption');
    this.clearToMarker();
    return 'again';
  }

  private startInColgroup(element: Element): Outcome {
    if (element.tag === 'col') {
      this.append(element);
      return 'done';
    }
    if (element.tag === 'template') return this.startInTable(element);
    if (this.current().tag !== 'colgroup') return 'done';
    this.stack.pop();
    return 'again';
  }

  private startInSelect(element: Element): Outcome {
    const tag = element.tag;
    const current = () => this.current().tag;
    switch (tag) {
      case 'option':
      case 'optgroup':
        if (current() === 'option') this.stack.pop();
        if (tag === 'optgroup' && current() === 'optgroup') this.stack.pop();
        this.push(element, false);
        return 'done';
      case 'hr':
        if (current() === 'option') this.stack.pop();
        if (current() === 'optgroup') this.stack.pop();
        this.append(element);
        return 'done';
      case 'select':
        this.popUntil('select');
        return 'done';
      case 'input':
      case 'keygen':
      case 'textarea':
        this.popUntil('select');
        return 'again';
      case 'script':
      case 'style':
      case 'template':
        return this.startInTable(element);
    }
    if (is(element, SELECT_ENDS)) {
      if (!this.inTableScope('table')) return 'done';
      this.popUntil('select');
      return 'again';
    }
    return 'done';
  }

  private closeCell(): void {
    for (let i = this.stack.length - 1; i > 0; i--) {
      const tag = this.stack[i]!.tag;
      if (tag === 'td' || tag === 'th') {
        this.truncate(i);
        this.clearToMarker();
        return;
      }
    }
  }

  private endInTable(tag: string): Outcome {
    switch (tag) {
      case 'table':
        if (this.inTableScope('table')) this.popUntil('table');
        return 'done';
      case 'body':
      case 'caption':
      case 'col':
      case 'colgroup':
      case 'html':
      case 'tbody':
      case 'td':
      case 'tfoot':
      case 'th':
      case 'thead':
      case 'tr':
        return 'done';
    }
    return 'body';
  }

  private endInSection(tag: string): Outcome {
    switch (tag) {
      case 'tbody':
      case 'tfoot':
      case 'thead':
        if (!this.inTableScope(tag)) return 'done';
        this.clearBackTo(SECTION_CONTEXT);
        this.stack.pop();
        return 'done';
      case 'table':
        if (!this.inTableScope(SECTIONS)) return 'done';
        this.clearBackTo(SECTION_CONTEXT);
        this.stack.pop();
        return 'again';
    }
    return this.endInTable(tag);
  }

  private endInRow(tag: string): Outcome {
    switch (tag) {
      case 'tr':
      case 'table':
        if (!this.inTableScope('tr')) return 'done';
        this.clearBackTo(ROW_CONTEXT);
        this.stack.pop();
        return tag === 'tr' ? 'done' : 'again';
      case 'tbody':
      case 'tfoot':
      case 'thead':
        // parse5 closes the row if either is open (the standard: both)
        if (!this.inTableScope(tag) && !this.inTableScope('tr')) return 'done';
        this.clearBackTo(ROW_CONTEXT);
        this.stack.pop();
        return 'again';
    }
    return this.endInTable(tag);
  }

  private endInCell(tag: string): Outcome {
    switch (tag) {
      case 'td':
      case 'th':
        if (!this.inTableScope(tag)) return 'done';
        this.popUntil(tag);
        this.clearToMarker();
        return 'done';
      case 'body':
      case 'caption':
      case 'col':
      case 'colgroup':
      case 'html':
        return 'done';
      case 'table':
      case 'tbody':
      case 'tfoot':
      case 'thead':
      case 'tr':
        if (!this.inTableScope(tag)) return 'done';
        this.closeCell();
        return 'again';
    }
    return 'body';
  }

  private endInCaption(tag: string): Outcome {
    if (tag === 'caption' || tag === 'table') {
      if (!this.inTableScope('caption')) return 'done';
      this.popUntil('caption');
      this.clearToMarker();
      return tag === 'table' ? 'again' : 'done';
    }
    return flagsOf(tag) & CELL_TAGS || tag === 'body' || tag === 'html' ? 'done' : 'body';
  }

  private endInColgroup(tag: string): Outcome {
    if (tag === 'col') return 'done';
    if (this.current().tag !== 'colgroup') return 'done';
    this.stack.pop();
    return tag === 'colgroup' ? 'done' : 'again';
  }

  private endInSelect(tag: string): Outcome {
    const current = () => this.current().tag;
    switch (tag) {
      case 'optgroup':
        if (current() === 'option' && this.stack[this.stack.length - 2]?.tag === 'optgroup') this.stack.pop();
        if (current() === 'optgroup') this.stack.pop();
        return 'done';
      case 'option':
        if (current() === 'option') this.stack.pop();
        return 'done';
      case 'select':
        this.popUntil('select');
        return 'done';
    }
    if (flagsOf(tag) & SELECT_ENDS) {
      if (!this.inTableScope(tag)) return 'done';
      this.popUntil('select');
      return 'again';
    }
    return 'done';
  }
}

const TABLE_CONTEXT = tags('table template #document');
const SECTION_CONTEXT = tags('tbody tfoot thead template #document');
const ROW_CONTEXT = tags('tr template #document');
const CELLS = tags('td th');
const BUTTON = tags('button');
const LIST = tags('ol ul');

/**
 * Where an end tag ends: at its `>`, unless quoted in what follows the name (`</td x=">">`: a
 * browser reads attributes there too, htmlparser2 does not); −1 if the page stops first.
 */
function endOfEndTag(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 62) return i;
    if (c !== 61) continue;
    while (isBlank(text.charCodeAt(i + 1))) i++;
    const quote = text.charCodeAt(i + 1);
    if (quote === 34 || quote === 39) {
      i = text.indexOf(quote === 34 ? '"' : "'", i + 2);
      if (i === -1) return -1;
    }
  }
  return -1;
}

const endTags = new Map<string, RegExp>();

/** Where the end tag of raw text starts: `</iframe` and a blank, `/` or `>`. */
function endTagAt(text: string, tag: string, from: number): number {
  let re = endTags.get(tag);
  if (!re) endTags.set(tag, (re = new RegExp(`</${tag}[\\t\\n\\f\\r />]`, 'ig')));
  re.lastIndex = from;
  return re.exec(text)?.index ?? -1;
}

/**
 * Entities in a `<textarea>`, which htmlparser2 reads as raw text and a browser decodes: the
 * tokenizer's own decoder, over the text with its `<` put aside (so that nothing in it is a tag).
 */
function decodeEntities(value: string): string {
  let out = '';
  const source = value.replaceAll('<', '\uffff');
  const noop = () => {};
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      ontext: (start, end) => (out += source.slice(start, end)),
      ontextentity: (codepoint) => (out += String.fromCodePoint(codepoint)),
      onattribdata: noop, onattribentity: noop, onattribend: noop, onattribname: noop, oncdata: noop, onclosetag: noop,
      oncomment: noop, ondeclaration: noop, onend: noop, onopentagend: noop, onopentagname: noop, onprocessinginstruction: noop,
      onselfclosingtag: noop,
    },
  );
  tokenizer.write(source);
  tokenizer.end();
  return out.replaceAll('\uffff', '<');
}

function appendText(parent: Element, value: string, start: number): void {
  // (not `children[-1]`: a property looked up by name, and slow)
  const last = parent.children.length > 0 ? parent.children[parent.children.length - 1] : undefined;
  if (last instanceof Text) last.value += value;
  else parent.children.push(new Text(value, start));
}

/**
 * Whether a doctype puts the page in quirks mode: none, or an old HTML one (HTML 4.0 and before,
 * 4.01 Transitional without its DTD's address). The WHATWG list, by its publishers' prefixes.
 */
function quirksDoctype(rest: string): boolean {
  const m = /^\s*([^\s>]*)(?:\s+(public|system)\s*(?:"([^"]*)"|'([^']*)'))?(?:\s*(?:"([^"]*)"|'([^']*)'))?/i.exec(rest);
  if (!m || m[1]!.toLowerCase() !== 'html') return true;
  const isPublic = m[2]?.toLowerCase() === 'public';
  const publicId = isPublic ? (m[3] ?? m[4])?.toLowerCase() : undefined;
  const systemId = isPublic ? (m[5] ?? m[6]) : (m[3] ?? m[4]);
  if (systemId?.toLowerCase() === 'http://www.ibm.com/data/dtd/v11/ibmxhtml1-transitional.dtd') return true;
  if (publicId === undefined) return false;
  if (publicId === '-//w3o//dtd w3 html strict 3.0//en//' || publicId === '-/w3c/dtd html 4.0 transitional/en' || publicId === 'html') return true;
  if (systemId === undefined && /^-\/\/w3c\/\/dtd html 4\.01 (frameset|transitional)\/\//.test(publicId)) return true;
  return QUIRKS_PUBLIC.test(publicId);
}

const QUIRKS_PUBLIC =
  /^(\+\/\/silmaril\/\/|-\/\/(as|advasoft ltd|ietf|metrius|microsoft|netscape comm\. corp\.|o'reilly and associates|sq|softquad( software)?|spyglass|sun microsystems corp\.|webtechs|w3o)\/\/|-\/\/w3c\/\/dtd (html (3|4\.0 (frameset|transitional)\/\/|experimental )|w3 html\/\/))/;

know(
  'td tr th p span br b table tbody thead tfoot div font strong a img o:p i u em li ul ol dl dt dd h1 h2 h3 h4 h5 h6 meta title script style link html head body col colgroup caption center sup sub input form hr section article nav header footer label small pre select option optgroup textarea button iframe noscript template svg math xmp noembed noframes plaintext listing address aside blockquote main menu dir details dialog summary fieldset figure figcaption hgroup search applet marquee object embed area wbr keygen param source track image base basefont bgsound frame frameset nobr big code s strike tt ruby rb rtc rt rp foreignobject desc mi mo mn ms mtext var annotation-xml',
);
