/**
 * The "package" part of a function name, for colouring by package: frames of one package share a colour.
 *
 * Profiles do not say which language a frame comes from, so `'auto'` recognises each name by its shape, in this
 * order (first rule that applies wins):
 * 1. .NET with module (`System.Private.CoreLib!System.Threading.Thread.Sleep`): the module before `!`.
 * 2. Python (a `.py`/`.pyx` file anywhere: `path/file.py:func`, `func (path/file.py:12)`, `path/file.py:12 - func`):
 *    the directory of the file, or the module name for a bare file; `module:function` (`requests.sessions:send`):
 *    the package holding the module (`requests`).
 * 3. Node/JS (a `.js/.mjs/.cjs/.jsx/.ts/.tsx` file, `node:` built-ins, or a bare `(anonymous)`-style name): the npm
 *    package after the last `node_modules/` (`@scope/name` kept whole), else the file's directory; `(anonymous)`,
 *    `(program)`, `(garbage collector)`… are each their own package.
 * 4. Rust/C++ (`::`): the module path without the function, closures, types (capitalised segments), generic
 *    arguments and the legacy `h<16 hex>` hash: `tokio::runtime::task::harness::Harness<T,S>::poll` →
 *    `tokio::runtime::task::harness`; `<alloc::vec::Vec<T> as core::ops::Drop>::drop` → `alloc::vec`.
 * 5. Names with `/` before any `(` or `[`: Java with slashes (`java/util/regex/Pattern$Slice.match` → `java/util/regex`)
 *    when the segment after the last `/` is a class (capitalised, or holding `$`); otherwise Go
 *    (`github.com/x/y/pkg.(*T).Method` → `github.com/x/y/pkg`): up to the first `.` after the last `/`.
 * 6. Dotted names: capitalised first segment is .NET without module (`Namespace.Class.Method` → `Namespace`, the last
 *    two segments dropped); otherwise Go or dotted Java: the segments before the first capitalised one
 *    (`java.util.HashMap.put` → `java.util`, `os.OpenFile` → `os`), or the first segment (`runtime.mallocgc` →
 *    `runtime`, `runtime.(*timers).check` → `runtime`).
 * 7. Anything else (`gcWriteBarrier`, `main`) is its own package.
 * A language can also be forced; each rule then applies to every name.
 */
export type NameLanguage = 'auto' | 'go' | 'java' | 'dotnet' | 'python' | 'node' | 'rust';

const PY_FILE = /([^\s():]*\.pyx?)(?=[:)\s]|$)/;
const PY_MODULE = /^[A-Za-z_][\w.]*:[\w<>.]+$/;
const JS_FILE = /([^\s()]*?\.(?:mjs|cjs|jsx?|tsx?))(?=[:)\s]|$)/;
const NODE_BUILTIN = /\bnode:[\w/]+/;
const RUST_HASH = /^h[0-9a-f]{16}$/;

/** The package of a function name (the whole name when no rule finds one). */
export function packageOf(name: string, language: NameLanguage = 'auto'): string {
  const lang = language === 'auto' ? detectLanguage(name) : language;
  let pkg: string;
  switch (lang) {
    case 'dotnet':
      pkg = dotnetPackage(name);
      break;
    case 'python':
      pkg = pythonPackage(name);
      break;
    case 'node':
      pkg = nodePackage(name);
      break;
    case 'rust':
      pkg = rustPackage(name);
      break;
    case 'java':
      pkg = javaPackage(name);
      break;
    case 'go':
      pkg = goPackage(name);
      break;
    default:
      pkg = name;
  }
  return pkg === '' ? name : pkg;
}

/** Which rule of `packageOf` applies to a name in `'auto'` mode; `'other'` when none (the name is its package). */
export function detectLanguage(name: string): Exclude<NameLanguage, 'auto'> | 'other' {
  // Every rule below is guarded by a plain substring or character check before any regex runs: colouring asks this
  // of each name drawn, and most names (Go, Java, C) fail every guard.
  if (name.includes('!')) {
    return 'dotnet';
  }
  const colon = name.includes(':');
  // The file regexes backtrack over every start position: test them only when the extension is there at all.
  if ((name.includes('.py') && PY_FILE.test(name)) || (colon && PY_MODULE.test(name) && !name.includes('::'))) {
    return 'python';
  }
  if (
    (mayNameJsFile(name) && JS_FILE.test(name)) ||
    (colon && NODE_BUILTIN.test(name)) ||
    (name.charCodeAt(0) === OPEN_PAREN && /^\(.*\)$/.test(name))
  ) {
    return 'node';
  }
  if (colon && name.includes('::')) {
    return 'rust';
  }
  const base = cutAt(name, CUT_BASE);
  const slash = base.lastIndexOf('/');
  if (slash >= 0) {
    return isJavaClassSegment(base.slice(slash + 1)) ? 'java' : 'go';
  }
  if (base.includes('.')) {
    return isUpperAscii(base.charCodeAt(0)) ? 'dotnet' : 'go';
  }
  return 'other';
}

/** Cheap pre-check for JS_FILE: the name contains `.js`, `.ts`, `.mjs`, `.cjs` (and so `.jsx`/`.tsx`). */
function mayNameJsFile(name: string): boolean {
  return name.includes('.js') || name.includes('.ts') || name.includes('.mjs') || name.includes('.cjs');
}

const OPEN_PAREN = 40;

/** A set of ASCII characters to cut at, as a lookup by character code (no string made per character looked at). */
function charSet(chars: string): Uint8Array {
  const set = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) {
    set[chars.charCodeAt(i)] = 1;
  }
  return set;
}

const CUT_BASE = charSet('([ ');
const CUT_JAVA = charSet('( ');
const CUT_DOTNET = charSet('(<[ ');
const CUT_DOT = charSet('.');

/** The name up to the first character of `set` (the whole name when none occurs). */
function cutAt(name: string, set: Uint8Array): string {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c < 128 && set[c] === 1) {
      return name.slice(0, i);
    }
  }
  return name;
}

function isUpperAscii(c: number): boolean {
  return c >= 65 && c <= 90;
}

function isJavaClassSegment(segment: string): boolean {
  const cls = cutAt(segment, CUT_DOT);
  const c = cls.charCodeAt(0);
  return isUpperAscii(c) || c === 36 || cls.includes('$');
}

function goPackage(name: string): string {
  // Receivers `(*T)` and generic arguments `[...]` may hold dots and slashes of their own: cut them off first.
  const base = cutAt(name, CUT_BASE);
  const slash = base.lastIndexOf('/');
  const dot = base.indexOf('.', slash + 1);
  if (slash >= 0 || !/[A-Z]/.test(base)) {
    return dot < 0 ? base : base.slice(0, dot);
  }
  return dottedPackage(base);
}

/** Segments before the first capitalised one (Java class, Go exported function), else the first segment. */
function dottedPackage(base: string): string {
  const segments = base.split('.');
  for (let i = 1; i < segments.length; i++) {
    if (/^[A-Z$]/.test(segments[i]) || segments[i].includes('$')) {
      return segments.slice(0, i).join('.');
    }
  }
  return segments[0];
}

function javaPackage(name: string): string {
  const base = cutAt(name, CUT_JAVA);
  if (base.includes('/')) {
    // Lambda classes (`Foo$$Lambda$12/0x...`) hold a slash after the class: stop at the first class segment.
    const segments = base.split('/');
    let i = 0;
    while (i < segments.length - 1 && !isJavaClassSegment(segments[i])) {
      i++;
    }
    return segments.slice(0, i).join('/');
  }
  return dottedPackage(base);
}

function dotnetPackage(name: string): string {
  const bang = name.indexOf('!');
  if (bang > 0) {
    return name.slice(0, bang);
  }
  // Generic arity (List`1) is part of the class name; parameter lists and generic arguments are not.
  const base = cutAt((bang === 0 ? name.slice(1) : name).replace(/`\d+/g, ''), CUT_DOTNET);
  const segments = base.split('.').filter((s) => s !== '');
  return segments.length > 2 ? segments.slice(0, -2).join('.') : (segments[0] ?? '');
}

function pythonPackage(name: string): string {
  const file = PY_FILE.exec(name);
  if (file) {
    const path = file[1];
    const slash = path.lastIndexOf('/');
    return slash > 0 ? path.slice(0, slash) : path.replace(/\.pyx?$/, '');
  }
  const module = name.slice(0, name.indexOf(':'));
  const dot = module.lastIndexOf('.');
  return dot > 0 ? module.slice(0, dot) : module;
}

function nodePackage(name: string): string {
  const builtin = NODE_BUILTIN.exec(name);
  if (builtin) {
    // `node:internal/timers` → `node:internal`; `node:fs` stays whole.
    const slash = builtin[0].lastIndexOf('/');
    return slash > 0 ? builtin[0].slice(0, slash) : builtin[0];
  }
  const file = JS_FILE.exec(name);
  if (!file) {
    // No file in the name: `(anonymous)` and friends are their own package; `Class.method` goes by class.
    return name.startsWith('(') ? name : cutAt(name, CUT_DOT);
  }
  const path = file[1];
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const segments = path.slice(nm + 'node_modules/'.length).split('/');
    return segments[0].startsWith('@') && segments.length > 1 ? `${segments[0]}/${segments[1]}` : segments[0];
  }
  const slash = path.lastIndexOf('/');
  return slash > 0 ? path.slice(0, slash) : path;
}

function rustPackage(name: string): string {
  let text = name;
  if (text.startsWith('<')) {
    // `<Type as Trait>::method`: the package of the implementing type.
    const close = matchingAngle(text, 0);
    const inner = text.slice(1, close < 0 ? text.length : close);
    const as = inner.indexOf(' as ');
    text = as >= 0 ? inner.slice(0, as) : inner;
  }
  const segments = stripGenerics(text)
    .split('::')
    .filter((s) => s !== '' && !RUST_HASH.test(s) && s !== '{{closure}}');
  segments.pop();
  while (segments.length > 1 && /^[A-Z]/.test(segments[segments.length - 1])) {
    segments.pop();
  }
  return segments.join('::');
}

/** Index of the `>` closing the `<` at `open`, or -1. */
function matchingAngle(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '<') {
      depth++;
    } else if (text[i] === '>' && text[i - 1] !== '-' && --depth === 0) {
      return i;
    }
  }
  return -1;
}

/** Removes every `<...>` (nested ones included), keeping `->`. */
function stripGenerics(text: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '<') {
      depth++;
    } else if (ch === '>' && text[i - 1] !== '-' && depth > 0) {
      depth--;
    } else if (depth === 0) {
      out += ch;
    }
  }
  return out;
}
