export const id = 43;
export const ids = [43];
export const modules = {

/***/ 69043:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 11 modules
var core = __webpack_require__(91659);
;// CONCATENATED MODULE: ./src/errors.ts
// Every failure the action expects, in one place. Each ends the run (or, for a Heroku refusal, leaves a gap) with
// one sentence that says what is wrong and how to fix it; anything else is a bug and keeps its stack.
// This module sits on the bottom floor: every stage may throw these, and it imports nothing from them.
/** An action input that is missing or malformed. */
class InputError extends Error {
    name = 'InputError';
}
/** A policy file that cannot be read or does not validate; the message names the key. */
class PolicyError extends Error {
    name = 'PolicyError';
}
/** A `report-period` (or `--period`) that is not one of the four forms. */
class PeriodError extends Error {
    name = 'PeriodError';
}
/** A response Heroku gave with an error status, or that could not be used. */
class HerokuError extends Error {
    endpoint;
    status;
    id;
    constructor(endpoint, status, id, message) {
        super(message);
        this.endpoint = endpoint;
        this.status = status;
        this.id = id;
        this.name = 'HerokuError';
    }
    get isForbidden() {
        return this.status === 403;
    }
}
/** The token itself was rejected: nothing can be collected, so the run ends with this sentence. */
class HerokuAuthError extends HerokuError {
    constructor(endpoint, id, herokuMessage) {
        super(endpoint, 401, id, `Heroku rejected the API token (401 ${id}: ${herokuMessage}). Usual causes: the token was revoked or ` +
            'regenerated, the account password was changed, the account was deactivated or removed from the ' +
            'enterprise, or an SSO-bound token expired. Create a new one with `heroku authorizations:create ' +
            '--description "Heroku Evidence"` as the service account and update the repository secret.');
        this.name = 'HerokuAuthError';
    }
}
/** The rate-limit pool stayed empty too long: every request from then on fails at once, as a gap. */
class StarvedError extends Error {
    name = 'StarvedError';
}
/** A repository that would publish private evidence to everyone. */
class PublicRepositoryError extends Error {
    name = 'PublicRepositoryError';
}
/** The evidence repository cannot be read or written (permissions, branch protection, a moving branch). */
class EvidenceRepositoryError extends Error {
    name = 'EvidenceRepositoryError';
}
/** A state.json (or a previous run's file) that cannot be trusted: the run stops rather than guess. */
class StateError extends Error {
    name = 'StateError';
}
/** GitHub refused the issues step (a token without `issues: write`, say); the evidence is committed by then. */
class IssuesError extends Error {
    name = 'IssuesError';
}
/** A period report that cannot be built from what the evidence repository holds. */
class ReportError extends Error {
    name = 'ReportError';
}
/** A plan or shard part that cannot be used (another plan's, present twice, missing, unreadable): nothing is committed. */
class ShardError extends Error {
    name = 'ShardError';
}
const EXPECTED = [
    InputError,
    PolicyError,
    PeriodError,
    HerokuError,
    StarvedError,
    PublicRepositoryError,
    EvidenceRepositoryError,
    StateError,
    IssuesError,
    ReportError,
    ShardError,
];
/** Whether `error` is one of the failures above, which end in their own sentence. */
function isExpected(error) {
    return EXPECTED.some((kind) => error instanceof kind);
}
/**
 * A Heroku refusal or failure that leaves a gap in the evidence. Anything else, a rejected token above all, ends
 * the run.
 */
function isGap(error) {
    return error instanceof HerokuError && !(error instanceof HerokuAuthError);
}

// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(46752);
;// CONCATENATED MODULE: ./src/shared/strings.ts
// Equal strings (and lists of strings) shared instead of copied. JSON.parse makes a new string for every value it
// reads, so a large account's records hold the same emails, ids, add-on states and dates thousands of times over: at
// 5,000 apps, a quarter of the heap that a run keeps is such copies. What is shared is the same text: nothing a
// file, a log or a comparison sees changes.
/** Strings longer than this are rarely repeated (descriptions, URLs with ids): not worth an entry. */
const MAX_SHARED_LENGTH = 256;
/** The table never holds more than this many strings: a very large account's unique ids would otherwise stay. */
const MAX_ENTRIES = 200_000;
const isPlain = (value) => {
    const prototype = Object.getPrototypeOf(value);
    return prototype === Object.prototype || prototype === null;
};
class SharedStrings {
    known = new Map();
    lists = new Map();
    /** The first string equal to `text` that this table was given. */
    string(text) {
        if (text.length > MAX_SHARED_LENGTH)
            return text;
        const known = this.known.get(text);
        if (known !== undefined)
            return known;
        // Full: start again rather than grow; what was shared stays shared.
        if (this.known.size >= MAX_ENTRIES)
            this.known.clear();
        this.known.set(text, text);
        return text;
    }
    /**
     * `value` with every string in it shared, changed in place: plain objects and arrays are walked, anything else
     * is left as it is. Only for values this run made (parsed from a response or a file), never a caller's.
     * A list of strings is shared too (a collaborator's permissions, a certificate's domains: the same few lists
     * over and over), frozen, so that code changing one in place fails loudly instead of changing them all.
     */
    shareIn(value) {
        if (typeof value === 'string')
            return this.string(value);
        if (Array.isArray(value)) {
            // A list shared already is frozen, and holds shared strings.
            if (Object.isFrozen(value))
                return value;
            for (let i = 0; i < value.length; i++)
                value[i] = this.shareIn(value[i]);
            if (value.length > 0 && value.every((item) => typeof item === 'string'))
                return this.list(value);
        }
        else if (value !== null && typeof value === 'object' && isPlain(value)) {
            const record = value;
            for (const key of Object.keys(record))
                record[key] = this.shareIn(record[key]);
        }
        return value;
    }
    list(items) {
        const key = JSON.stringify(items);
        if (key.length > MAX_SHARED_LENGTH)
            return items;
        const known = this.lists.get(key);
        if (known !== undefined)
            return known;
        if (this.lists.size >= MAX_ENTRIES)
            this.lists.clear();
        const shared = Object.freeze(items);
        this.lists.set(key, shared);
        return shared;
    }
    /** Lets go of the table (the strings shared so far stay shared). */
    clear() {
        this.known.clear();
        this.lists.clear();
    }
}

;// CONCATENATED MODULE: ./src/heroku/pacing.ts

// The longest a blocked request waits on the estimate before asking Heroku for the real count.
const PROBE_AFTER_MS = 1000;
// A pool that gives no request for this long is starved (another job drains it): the run stops waiting and
// records what it could not read as gaps, rather than hang until the job's own timeout.
const STARVED_AFTER_MS = 15 * 60_000;
// Refill is measured over at least this long, so that requests answered out of order hardly matter.
const LEARN_WINDOW_MS = 3000;
class Pacer {
    options;
    /** Heroku's count, from the last response or probe. */
    lastReported;
    /** The refill rate in use, per second. */
    get refillPerSecond() {
        return this.rate * 1000;
    }
    rate;
    available;
    availableAt;
    /** The largest count Heroku reported: the pool's size as far as observed. */
    peak = 0;
    inFlight = 0;
    answered = 0;
    anchor;
    queue = Promise.resolve();
    probing;
    probeFailed = false;
    /** Whether a refill rate has been measured yet (until then `rate` is the first guess). */
    measured = false;
    starved = false;
    constructor(options) {
        this.options = options;
        this.rate = (options.initialRefillPerSecond ?? 4500 / 3600) / 1000;
        this.available = options.reserve + 1;
        this.availableAt = options.now();
    }
    /** Waits until the pool holds a request beyond the reserve, then counts it as sent. One waiter at a time. */
    acquire() {
        const turn = this.queue.then(() => this.waitForToken());
        this.queue = turn.catch(() => undefined);
        return turn;
    }
    /** A counted request was answered; `remaining` is Heroku's count on the response, when it sent one. */
    answer(remaining, rateLimited) {
        this.inFlight = Math.max(0, this.inFlight - 1);
        if (!rateLimited)
            this.answered++;
        if (remaining !== undefined)
            this.observe(remaining);
        else if (rateLimited)
            this.observe(0);
    }
    /** A counted request failed without an answer (a reset, a timeout): Heroku may or may not have counted it. */
    abandon() {
        this.inFlight = Math.max(0, this.inFlight - 1);
    }
    /** Heroku's count, observed now (from a response or the free endpoint). */
    observe(remaining) {
        const now = this.options.now();
        this.lastReported = remaining;
        this.peak = Math.max(this.peak, remaining);
        // Requests still in flight may not be in Heroku's count yet: assume they are not.
        this.available = remaining - this.inFlight;
        this.availableAt = now;
        this.learn({ at: now, remaining, answered: this.answered });
    }
    estimate(now) {
        // Unbounded: the pool's size is Heroku's to say, and the next response corrects an estimate too high.
        return this.available + (now - this.availableAt) * this.rate;
    }
    async waitForToken() {
        const { sleep, now } = this.options;
        const since = now();
        for (;;) {
            if (this.starved || now() - since > STARVED_AFTER_MS) {
                this.starved = true;
                throw new StarvedError(`Heroku's rate-limit pool for this account stayed empty for ${STARVED_AFTER_MS / 60_000} minutes (last reported: ${this.lastReported ?? 'nothing'}); another client may be using it up.`);
            }
            const { reserve } = this.options;
            const estimate = this.estimate(now());
            if (estimate >= reserve + 1)
                break;
            // Nothing reported yet: ask rather than wait on a guess.
            if (this.lastReported === undefined && !this.probeFailed) {
                await this.probe().catch(() => undefined);
                continue;
            }
            const wait = Math.ceil((reserve + 1 - estimate) / this.rate);
            if (wait <= PROBE_AFTER_MS) {
                await sleep(wait);
                continue;
            }
            // The estimate rests on a refill rate that may be wrong (or not yet observed): ask Heroku instead.
            await sleep(PROBE_AFTER_MS);
            // Unreadable: the estimate goes on alone.
            await this.probe().catch(() => undefined);
        }
        const t = now();
        this.available = this.estimate(t) - 1;
        this.availableAt = t;
        this.inFlight++;
    }
    /** Asks Heroku for the pool's count (one question at a time, shared by whoever asks meanwhile). */
    probe() {
        this.probing ??= this.options
            .probe()
            .then((remaining) => {
            this.observe(remaining);
            return remaining;
        }, (error) => {
            this.probeFailed = true;
            throw error;
        })
            .finally(() => {
            this.probing = undefined;
        });
        return this.probing;
    }
    /**
     * The refill between two counts is how much the count rose plus the requests Heroku counted in between. Only
     * measured while the pool is well below its size: a full pool does not refill, and would read as a slow one.
     */
    learn(sample) {
        // Near the highest count ever reported, of a pool seen well above the reserve: it may be full.
        const { reserve } = this.options;
        if (this.peak > 4 * reserve && sample.remaining >= this.peak - reserve) {
            this.anchor = undefined;
            return;
        }
        if (!this.anchor) {
            this.anchor = sample;
            return;
        }
        const elapsed = sample.at - this.anchor.at;
        const refilled = sample.remaining - this.anchor.remaining + (sample.answered - this.anchor.answered);
        // Long enough that a few requests answered out of order are noise, not the measure.
        if (elapsed < LEARN_WINDOW_MS || (refilled < 4 * reserve && elapsed < 10 * LEARN_WINDOW_MS))
            return;
        const measured = Math.max(0, refilled) / elapsed;
        this.anchor = sample;
        // A measurement replaces the first guess; later ones are blended, so one noisy window cannot swing it.
        this.rate = this.measured ? (this.rate + measured) / 2 : measured;
        this.measured = true;
        // Never zero: a stalled pool is asked again (probe) rather than waited on forever.
        this.rate = Math.max(this.rate, 1 / 3_600_000);
    }
}

;// CONCATENATED MODULE: ./src/shared/escape.ts
// Text from Heroku or the policy (app names, emails, team names, error messages) goes into Markdown that GitHub
// renders: it must render as the literal text, never as formatting, HTML, a hidden marker, a link, a
// cross-reference or an @-mention that notifies someone. Only visible means are used (escapes and code spans), so
// that what a reader copies from a report is what the evidence holds and `grep` finds it.
// Characters that render as nothing, or reorder the text around them: shown as their code point instead.
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
/** `text` with every invisible or bidirectional control character written as `{U+XXXX}`. */
function visible(text) {
    return text.replace(INVISIBLE, (c) => `{U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}}`);
}
// What GitHub turns into a mention, an email or web link, or a reference to an issue: such text goes in a code
// span, where GitHub links and mentions nothing (a backslash before `@` does not stop a mention).
const LINKABLE = /@|#\d|:\/\/|\bwww\.|\bGH-\d/i;
// Inline formatting characters anywhere; block markers (#, >, +, -, 1.) only where they could start a block.
const SPECIAL = /[\\`*_[\]|~]/g;
/** One line of Heroku or policy text, safe anywhere in Markdown outside a table (see `cell` for tables). */
function md(text) {
    const line = visible(text).replace(/\r?\n|\r/g, ' ');
    if (LINKABLE.test(line))
        return codeSpan(line);
    return line
        .replace(SPECIAL, (c) => `\\${c}`)
        .replace(/^([#>+-]|\d+\.)/, (c) => `\\${c}`)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;');
}
/** `text` as an inline code span: a fence longer than any run of backticks in it, so nothing can close it early. */
function codeSpan(text) {
    const line = visible(text).replace(/\r?\n|\r/g, ' ');
    const longest = Math.max(0, ...[...line.matchAll(/`+/g)].map((m) => m[0].length));
    const fence = '`'.repeat(longest + 1);
    const pad = /^[` ]|[` ]$/.test(line) ? ' ' : '';
    return `${fence}${pad}${line}${pad}${fence}`;
}
/** A table cell: like `md`, and a `|` cannot end the cell, even inside a code span. */
function cell(text) {
    const out = md(text);
    return out.startsWith('`') ? out.replace(/\|/g, '\\|') : out;
}
/** A Markdown table; every cell is escaped unless it is already Markdown (`raw`). */
function table(head, rows) {
    const text = (c) => (typeof c === 'string' ? cell(c) : c.raw);
    return [
        `| ${head.join(' | ')} |`,
        `| ${head.map(() => '---').join(' | ')} |`,
        ...rows.map((row) => `| ${row.map(text).join(' | ')} |`),
    ].join('\n');
}
// Credentials that could ride along in text from elsewhere (an error message, a formation command): Heroku's
// tokens (HRKU-…), and whatever follows "Bearer", "Basic" or "token=" (older Heroku tokens are UUID-shaped).
const SECRETS = [/\bHRKU-[A-Za-z0-9_-]+/g, /\b(Bearer|Basic|token)(\s+|=|:\s*)[A-Za-z0-9._~+/=-]{8,}/gi];
/** `text` with anything shaped like a credential replaced by `[redacted]`. */
function scrubSecrets(text) {
    return SECRETS.reduce((t, re) => t.replace(re, '[redacted]'), text);
}
/**
 * A log line that no foreign text can turn into a workflow command: the runner reads a command only at the start
 * of a line, so the text gets no line break (nor any other control character, such as a terminal escape).
 */
function logLine(text) {
    return visible(text).replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => c === '\n' ? '\\n' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
/**
 * An app or team name in a commit message, which lands on the default branch where GitHub links `#123`, mentions
 * `@someone` and closes issues on "fixes #123". Heroku limits these names to lower-case letters, digits and
 * dashes; anything else is percent-encoded, visibly, rather than trusted.
 */
function safeName(name) {
    return /^[a-z0-9][a-z0-9-]{0,99}$/.test(name)
        ? name
        : encodeURIComponent(name).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
// Characters a fingerprint marker carries as they are; every other byte is percent-encoded, so any resource key
// round-trips and no text can end the HTML comment.
const MARKER_SAFE = /^[A-Za-z0-9._~@/:+-]$/;
function encodeMarker(text) {
    let out = '';
    for (const char of text) {
        if (MARKER_SAFE.test(char))
            out += char;
        else
            for (const byte of Buffer.from(char, 'utf8'))
                out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
    return out;
}
function decodeMarker(text) {
    try {
        return decodeURIComponent(text);
    }
    catch {
        return null;
    }
}

;// CONCATENATED MODULE: ./src/heroku/response.ts


/** The body as text, refused past `max` bytes, so that an endless response cannot exhaust the runner. */
async function readBounded(body, path, max) {
    const chunks = [];
    let size = 0;
    for await (const chunk of body) {
        size += chunk.length;
        if (size > max) {
            body.destroy();
            throw new HerokuError(path, 200, 'too_large', `GET ${path}: the response is larger than ${max} bytes; refused`);
        }
        chunks.push(chunk);
    }
    return Buffer.concat(chunks, size).toString('utf8');
}
function isDeadline(error) {
    return error.name === 'TimeoutError' || error.name === 'AbortError';
}
/** Heroku's messages go into gaps, logs and issues: a bounded single line, never a page of HTML. */
function bounded(text) {
    const line = text.replace(/\s+/g, ' ').trim();
    return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}
function header(headers, name) {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
}
function parseJson(path, body) {
    try {
        return JSON.parse(body);
    }
    catch {
        throw new HerokuError(path, 200, 'malformed', `GET ${path}: the response is not valid JSON (truncated?)`);
    }
}
function toHerokuError(path, status, body) {
    let id = `http_${status}`;
    let message = `HTTP ${status}`;
    try {
        const parsed = JSON.parse(body);
        // Heroku's ids are short snake_case words; anything else is not Heroku's and is not repeated.
        if (typeof parsed.id === 'string' && /^[a-z][a-z0-9_]{0,63}$/.test(parsed.id))
            id = parsed.id;
        if (typeof parsed.message === 'string')
            message = bounded(scrubSecrets(parsed.message));
    }
    catch {
        // An error page that is not Heroku's JSON (a proxy's, say): the status says enough, the page is not kept.
    }
    if (status === 401)
        return new HerokuAuthError(path, id, message);
    return new HerokuError(path, status, id, `GET ${path}: ${status} ${id}: ${message}`);
}
/** Exponential backoff with full jitter: 0.5 s, 1 s, 2 s, ... capped at 20 s. */
function backoff(attempt, random) {
    const ceiling = Math.min(20_000, 500 * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 17 modules
var schemas = __webpack_require__(38816);
;// CONCATENATED MODULE: ./src/heroku/schemas.ts
// Responses the collector reads but never keeps as they are: the rate-limit pool, and the token's authorization
// (its access token is compared in memory and dropped; only metadata reaches the snapshot).

const rateLimit = schemas/* object */.Ikc({ remaining: schemas/* number */.aig() });
// The access token is in this payload: the collector compares it in memory, and only the metadata leaves.
const authorization = schemas/* object */.Ikc({
    id: schemas/* string */.YjP(),
    description: schemas/* string */.YjP().nullable().optional(),
    scope: schemas/* array */.YOg(schemas/* string */.YjP()).nullable().optional(),
    created_at: schemas/* string */.YjP(),
    updated_at: schemas/* string */.YjP().nullable().optional(),
    access_token: schemas/* object */.Ikc({ expires_in: schemas/* number */.aig().nullable().optional(), token: schemas/* string */.YjP().optional() })
        .nullable()
        .optional(),
    client: schemas/* object */.Ikc({ id: schemas/* string */.YjP(), name: schemas/* string */.YjP().optional() }).nullable().optional(),
});

;// CONCATENATED MODULE: ./src/heroku/client.ts
// The only code that talks to Heroku. It can send GET and nothing else: the method is fixed below and no caller
// can choose another, so the action cannot change anything on Heroku whatever the rest of the code does.






const PAGE = 'id ..; max=1000';
const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);
/** A real list has a few pages (1,000 records each); this many means paging that never ends. */
const MAX_PAGES = 1000;
/** Far above any real response (a page of 1,000 apps is about 2 MB). */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
class HerokuClient {
    options;
    /** Requests sent to Heroku, retries included. */
    requests = 0;
    /** 429 responses received. */
    rateLimited = 0;
    origin;
    basePath;
    concurrency;
    maxAttempts;
    sleep;
    random;
    pacer;
    active = 0;
    waiting = [];
    /** The same email, id or state in a thousand records is one string, not a thousand (src/shared/strings.ts). */
    strings = new SharedStrings();
    constructor(options) {
        this.options = options;
        const base = new URL(options.baseUrl);
        this.origin = base.origin;
        this.basePath = base.pathname.replace(/\/$/, '');
        this.concurrency = options.concurrency ?? 8;
        this.maxAttempts = options.maxAttempts ?? 5;
        this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
        this.random = options.random ?? Math.random;
        this.pacer = new Pacer({
            now: options.now ?? Date.now,
            sleep: this.sleep,
            // A few requests stay in the pool for whoever else uses this account.
            reserve: Math.max(10, this.concurrency),
            probe: () => this.readRateLimit(),
            initialRefillPerSecond: options.refillPerSecond,
        });
    }
    /** Heroku's own count of the pool, from the last response. */
    get rateLimitRemaining() {
        return this.pacer.lastReported;
    }
    /** The refill rate the client has learned (or still assumes), per second. */
    get refillPerSecond() {
        return this.pacer.refillPerSecond;
    }
    /** Lets go of the strings shared so far: the records read keep them, the client needs them no more. */
    forgetStrings() {
        this.strings.clear();
    }
    /** Reads the pool left to this account; `/account/rate-limits` itself does not count against it. */
    checkRateLimit() {
        return this.pacer.probe();
    }
    async readRateLimit() {
        const { body } = await this.send('/account/rate-limits', undefined, true);
        return this.parse('/account/rate-limits', rateLimit, parseJson('/account/rate-limits', body)).remaining;
    }
    async get(path, schema) {
        const { body } = await this.send(path, undefined, false);
        return this.parse(path, schema, parseJson(path, body));
    }
    /**
     * Every page of a list, following Heroku's `Next-Range` until the last page. A range that comes back twice,
     * or more pages than any real account has, is refused rather than followed forever.
     */
    async list(path, item) {
        const out = [];
        const seen = new Set();
        let range = PAGE;
        for (let pages = 0; range; pages++) {
            if (pages >= MAX_PAGES)
                throw new HerokuError(path, 206, 'too_many_pages', `GET ${path}: more than ${MAX_PAGES} pages; stopped`);
            seen.add(range);
            const { body, status, nextRange } = await this.send(path, range, false);
            const page = parseJson(path, body);
            if (!Array.isArray(page))
                throw new HerokuError(path, status, 'malformed', `GET ${path}: expected a list`);
            const offset = out.length;
            for (let i = 0; i < page.length; i++)
                out.push(this.parse(path, item, page[i], offset + i));
            range = status === 206 ? nextRange : undefined;
            if (range !== undefined && (seen.has(range) || !/^[\x20-\x7e]{1,1024}$/.test(range)))
                throw new HerokuError(path, 206, 'bad_next_range', `GET ${path}: Heroku's Next-Range repeats an earlier page or is malformed; paging stopped`);
        }
        return out;
    }
    /** Names of an app's config vars. The values are dropped here, as the body is parsed, and never returned. */
    configVarNames(app) {
        return this.namesOnly(`/apps/${encodeURIComponent(app)}/config-vars`);
    }
    /**
     * Names of a pipeline stage's config vars (what Heroku gives that stage's review or CI apps). The values are
     * dropped here, exactly as for an app's, and never returned.
     */
    pipelineStageConfigVarNames(pipelineId, stage) {
        return this.namesOnly(`/pipelines/${encodeURIComponent(pipelineId)}/stage/${encodeURIComponent(stage)}/config-vars`);
    }
    /** The keys of a JSON object whose values are secrets: only the names leave this function. */
    async namesOnly(path) {
        const { body } = await this.send(path, undefined, false);
        let names;
        try {
            const parsed = JSON.parse(body);
            if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
                throw new Error();
            names = Object.keys(parsed);
        }
        catch {
            // Never the parser's message: it quotes the body, and the body holds secrets.
            throw new HerokuError(path, 200, 'malformed', `GET ${path}: the response is not a JSON object`);
        }
        return names.sort();
    }
    /** `index`: the item's place in a list, named only if it fails (no string is built per item otherwise). */
    parse(path, schema, value, index) {
        const result = schema.safeParse(value);
        if (result.success)
            return this.strings.shareIn(result.data);
        const endpoint = index === undefined ? path : `${path} [${index}]`;
        const issue = result.error.issues[0];
        const where = issue?.path.length ? issue.path.join('.') : '(root)';
        throw new HerokuError(endpoint, 200, 'unexpected_response', `GET ${endpoint}: unexpected response at ${bounded(where)}: ${bounded(issue?.message ?? 'invalid')}`);
    }
    async send(path, range, free) {
        const url = new URL(this.basePath + path, this.origin);
        // Paths are built from Heroku's own ids; one that would leave the API host must never carry the token.
        if (url.origin !== this.origin || !path.startsWith('/'))
            throw new Error(`refusing to request ${path}`);
        let rateLimitedTimes = 0;
        for (let attempt = 1;; attempt++) {
            // The free endpoint is how a blocked pacer learns the truth: it must never wait for a slot itself.
            if (!free) {
                await this.slot();
                try {
                    await this.pacer.acquire();
                }
                catch (error) {
                    this.release();
                    if (!(error instanceof StarvedError))
                        throw error;
                    throw new HerokuError(path, 429, 'rate_limit', `GET ${path}: ${error.message}`);
                }
            }
            let outcome;
            try {
                outcome = await this.once(url, range);
                if (!free)
                    this.pacer.answer(outcome.remaining, outcome.status === 429);
            }
            catch (error) {
                if (!free)
                    this.pacer.abandon();
                outcome = error instanceof Error ? error : new Error(String(error));
            }
            finally {
                if (!free)
                    this.release();
            }
            if (outcome instanceof HerokuError)
                throw outcome;
            if (!(outcome instanceof Error)) {
                if (outcome.status === 200 || outcome.status === 206)
                    return outcome;
                const error = toHerokuError(path, outcome.status, outcome.body);
                if (outcome.status === 429) {
                    // Someone else may have drained the pool, or Heroku had a hiccup: the pacer asks the free endpoint
                    // after a short wait and goes on at what it says. Not counted as a failed attempt.
                    this.rateLimited++;
                    attempt--;
                    if (++rateLimitedTimes <= 10)
                        continue;
                }
                if (!RETRYABLE_STATUS.has(outcome.status) || attempt >= this.maxAttempts)
                    throw error;
            }
            else if (attempt >= this.maxAttempts || (isDeadline(outcome) && attempt >= 2)) {
                throw new HerokuError(path, 0, 'network', `GET ${path} failed after ${attempt} attempts: ${bounded(outcome.message)}`);
            }
            await this.sleep(backoff(attempt, this.random));
        }
    }
    async once(url, range) {
        this.requests++;
        const headers = {
            accept: 'application/vnd.heroku+json; version=3',
            authorization: `Bearer ${this.options.token}`,
            'user-agent': this.options.userAgent,
        };
        if (range)
            headers.range = range;
        const timeout = this.options.timeoutMs ?? 30_000;
        // undici's timeouts only notice silence; a server that drips a byte at a time is cut by this deadline. Its timer
        // is cleared once the body is in (AbortSignal.timeout's would hold a timer per request for two minutes).
        const deadline = new AbortController();
        const timer = setTimeout(() => deadline.abort(new DOMException('The response took too long', 'TimeoutError')), this.options.deadlineMs ?? 120_000);
        let response;
        let body;
        try {
            response = await (0,undici/* request */.Em)(url, {
                method: 'GET',
                headers,
                dispatcher: this.options.dispatcher,
                headersTimeout: timeout,
                bodyTimeout: timeout,
                signal: deadline.signal,
            });
            const path = url.pathname.slice(this.basePath.length) + url.search;
            if (response.statusCode >= 300 && response.statusCode < 400) {
                await response.body.dump().catch(() => undefined);
                // Following it could send the token elsewhere, and a redirect is no answer from Heroku's API.
                throw new HerokuError(path, response.statusCode, 'redirect', `GET ${path}: answered ${response.statusCode} (a redirect), which the action never follows`);
            }
            body = await readBounded(response.body, path, this.options.maxResponseBytes ?? MAX_RESPONSE_BYTES);
        }
        finally {
            clearTimeout(timer);
        }
        const reported = header(response.headers, 'ratelimit-remaining');
        const remaining = reported !== undefined && /^\d+$/.test(reported.trim()) ? Number(reported) : undefined;
        return {
            status: response.statusCode,
            body,
            nextRange: header(response.headers, 'next-range'),
            remaining,
        };
    }
    /** Waits for one of the `concurrency` slots. */
    async slot() {
        if (this.active >= this.concurrency)
            await new Promise((resolve) => this.waiting.push(resolve));
        this.active++;
    }
    release() {
        this.active--;
        this.waiting.shift()?.();
    }
}

// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
;// CONCATENATED MODULE: ./src/shared/period.ts

const day = (y, m, d) => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const lastDay = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
function parsePeriod(text) {
    const value = text.trim();
    let m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(value);
    if (m) {
        const [y, mo] = [Number(m[1]), Number(m[2])];
        return { name: value, from: day(y, mo, 1), to: day(y, mo, lastDay(y, mo)) };
    }
    m = /^(\d{4})-Q([1-4])$/i.exec(value);
    if (m) {
        const [y, q] = [Number(m[1]), Number(m[2])];
        return { name: `${y}-Q${q}`, from: day(y, q * 3 - 2, 1), to: day(y, q * 3, lastDay(y, q * 3)) };
    }
    m = /^(\d{4})$/.exec(value);
    if (m)
        return { name: value, from: `${value}-01-01`, to: `${value}-12-31` };
    m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(value);
    if (m && isDay(m[1]) && isDay(m[2]) && m[1] <= m[2])
        return { name: value, from: m[1], to: m[2] };
    throw new PeriodError(`\`report-period\` is "${text}"; expected YYYY-MM, YYYY-Qn, YYYY or YYYY-MM-DD..YYYY-MM-DD (UTC days, the first not after the last).`);
}
function isDay(text) {
    const t = Date.parse(`${text}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === text;
}
/** The last full calendar month before `now`. */
function lastFullMonth(now) {
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
    return parsePeriod(first.toISOString().slice(0, 7));
}
/** Every UTC day from `from` to `to`, inclusive. */
function daysBetween(from, to) {
    const out = [];
    for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
        out.push(new Date(t).toISOString().slice(0, 10));
    return out;
}
/** The months (YYYY-MM) from `from`'s month to `to`'s, inclusive. */
function monthsBetween(from, to) {
    const out = [];
    let [y, m] = from.slice(0, 7).split('-').map(Number);
    const end = to.slice(0, 7);
    for (;;) {
        const month = `${y}-${String(m).padStart(2, '0')}`;
        if (month > end)
            return out;
        out.push(month);
        m++;
        if (m > 12) {
            m = 1;
            y++;
        }
    }
}

;// CONCATENATED MODULE: ./src/inputs.ts
// The action's inputs, read and checked once. Everything after this trusts them.





const COLLECT_MODES = [
    'auto',
    'inventory',
    'audit',
    'all',
    'check-connection',
    'report',
    'plan',
    'shard',
    'merge',
];
const FAIL_ON = ['never', 'incomplete', 'failing'];
/** The token is masked before anything else reads an input, so no later log line can show it. */
function maskToken() {
    const token = core/* getInput */.V4('heroku-api-token');
    if (token)
        core/* setSecret */.Pq(token);
    const github = core/* getInput */.V4('github-token');
    if (github)
        core/* setSecret */.Pq(github);
}
function readInputs(env = process.env) {
    const token = core/* getInput */.V4('heroku-api-token').trim();
    if (!token) {
        throw new InputError('The `heroku-api-token` input is empty. Store a Heroku token as a repository secret and pass it: ' +
            // biome-ignore lint/suspicious/noTemplateCurlyInString: the workflow expression users copy, not a template
            '`heroku-api-token: ${{ secrets.HEROKU_API_TOKEN }}`.');
    }
    const collect = core/* getInput */.V4('collect') || 'auto';
    if (!COLLECT_MODES.includes(collect)) {
        throw new InputError(`\`collect\` is "${collect}"; expected one of ${COLLECT_MODES.join(', ')}.`);
    }
    const workflowRepo = env.GITHUB_REPOSITORY ?? '';
    const failOn = core/* getInput */.V4('fail-on').trim() || 'never';
    if (!FAIL_ON.includes(failOn)) {
        throw new InputError(`\`fail-on\` is "${failOn}"; expected one of ${FAIL_ON.join(', ')}.`);
    }
    const dryRun = bool('dry-run', core/* getInput */.V4('dry-run') || 'false');
    const githubToken = core/* getInput */.V4('github-token');
    // A misspelled secret is an empty string: without this the run would commit nothing and still succeed.
    if (!githubToken.trim() && !dryRun && !['check-connection', 'plan', 'shard'].includes(collect)) {
        throw new InputError('The `github-token` input is empty, so the evidence cannot be committed. Leave it out to use the workflow’s token, check the name of the secret passed to it, or set `dry-run: true`.');
    }
    const enterpriseAccount = core/* getInput */.V4('enterprise-account').trim();
    const shard = core/* getInput */.V4('shard').trim();
    if (collect === 'shard' && !shard) {
        throw new InputError(
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the workflow expression users copy, not a template
        '`collect: shard` needs `shard`, the number of this job in the plan: `shard: ${{ matrix.shard }}`.');
    }
    if (collect === 'audit' && !enterpriseAccount) {
        throw new InputError('`collect: audit` reads the enterprise audit trail and needs `enterprise-account` (the enterprise account’s name or id).');
    }
    return {
        herokuApiToken: token,
        herokuApiUrl: url('heroku-api-url', core/* getInput */.V4('heroku-api-url') || 'https://api.heroku.com'),
        enterpriseAccount,
        teams: list(core/* getInput */.V4('teams')),
        collect: collect,
        inventoryIntervalMs: duration('inventory-interval', core/* getInput */.V4('inventory-interval') || '24h'),
        auditBackfillDays: integer('audit-backfill-days', core/* getInput */.V4('audit-backfill-days') || '30', 1, 365),
        concurrency: integer('concurrency', core/* getInput */.V4('concurrency') || '8', 1, 32),
        evidenceRepository: repo('evidence-repository', core/* getInput */.V4('evidence-repository') || workflowRepo),
        evidenceBranch: core/* getInput */.V4('evidence-branch').trim(),
        evidencePath: evidencePath(core/* getInput */.V4('evidence-path') || 'heroku-evidence'),
        githubToken,
        issuesRepository: repo('issues-repository', core/* getInput */.V4('issues-repository') || workflowRepo),
        createIssues: bool('create-issues', core/* getInput */.V4('create-issues') || 'true'),
        maxNewIssues: integer('max-new-issues', core/* getInput */.V4('max-new-issues') || '20', 0, 1000),
        policy: core/* getInput */.V4('policy').trim(),
        dryRun,
        uploadArtifact: bool('upload-artifact', core/* getInput */.V4('upload-artifact') || 'true'),
        outputDirectory: core/* getInput */.V4('output-directory') || (0,external_node_path_.join)(env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'heroku-evidence-output'),
        allowPublicRepository: bool('allow-public-repository', core/* getInput */.V4('allow-public-repository') || 'false'),
        failOn: failOn,
        reportPeriod: reportPeriod(core/* getInput */.V4('report-period')),
        shards: integer('shards', core/* getInput */.V4('shards') || '1', 1, 256),
        shard: shard ? integer('shard', shard, 1, 256) : 0,
        shardDir: core/* getInput */.V4('shard-dir').trim() || (0,external_node_path_.join)(env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'heroku-evidence-shards'),
    };
}
function reportPeriod(value) {
    if (!value.trim())
        return null;
    try {
        return parsePeriod(value);
    }
    catch (error) {
        throw new InputError(error.message);
    }
}
function list(value) {
    return [
        ...new Set(value
            .split(/[\n,]/)
            .map((s) => s.trim())
            .filter(Boolean)),
    ];
}
function bool(name, value) {
    if (/^(true|yes|1)$/i.test(value.trim()))
        return true;
    if (/^(false|no|0)$/i.test(value.trim()))
        return false;
    throw new InputError(`\`${name}\` is "${value}"; expected true or false.`);
}
function integer(name, value, min, max) {
    const n = Number(value.trim());
    if (!Number.isInteger(n) || n < min || n > max) {
        throw new InputError(`\`${name}\` is "${value}"; expected a whole number from ${min} to ${max}.`);
    }
    return n;
}
function duration(name, value) {
    const match = /^\s*(\d+)\s*([mhd])\s*$/.exec(value);
    if (!match)
        throw new InputError(`\`${name}\` is "${value}"; expected a duration such as 24h, 90m or 7d.`);
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000 }[match[2]];
    return Number(match[1]) * unit;
}
function repo(name, value) {
    const match = /^([\w.-]+)\/([\w.-]+)$/.exec(value.trim());
    if (!match)
        throw new InputError(`\`${name}\` is "${value}"; expected owner/name.`);
    return { owner: match[1], repo: match[2] };
}
function url(name, value) {
    let parsed;
    try {
        parsed = new URL(value);
    }
    catch {
        throw new InputError(`\`${name}\` is "${value}"; expected an https URL.`);
    }
    if (parsed.username || parsed.password)
        throw new InputError(`\`${name}\` carries credentials in its URL; remove them (the token is sent as a header).`);
    if (parsed.protocol === 'https:')
        return value.replace(/\/$/, '');
    // The Bearer token would cross the network in clear text; only this machine itself is safe to reach so.
    if (parsed.protocol === 'http:' && isLoopback(parsed.hostname))
        return value.replace(/\/$/, '');
    throw new InputError(parsed.protocol === 'http:'
        ? `\`${name}\` is "${value}": plain http would send the Heroku token in clear text. Use https (http is accepted only for a loopback address such as 127.0.0.1).`
        : `\`${name}\` is "${value}"; expected an https URL.`);
}
function isLoopback(hostname) {
    return (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname) || hostname === 'localhost' || hostname === '[::1]');
}
function evidencePath(value) {
    const clean = value.trim().replace(/^\/+|\/+$/g, '');
    if (!clean || clean.split('/').some((part) => part === '..' || part === '.' || part === '')) {
        throw new InputError(`\`evidence-path\` is "${value}"; expected a folder inside the repository.`);
    }
    return clean;
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(38815);
;// CONCATENATED MODULE: ./src/policy.ts
// The policy file: thresholds, lists, production apps, owners and waivers. Validated strictly, because a typo in a
// key would otherwise silently leave a default in force.






const policy_day = schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* date */.p6U()])
    .transform((value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value))
    .pipe(schemas/* string */.YjP().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'));
const waiver = schemas/* strictObject */.rej({
    control: schemas/* string */.YjP().regex(/^HEROKU-[A-Z]+-\d+$/, 'expected a control id such as HEROKU-TLS-1'),
    resource: schemas/* string */.YjP().min(1),
    reason: schemas/* string */.YjP().min(1),
    owner: schemas/* string */.YjP().min(1),
    expires: policy_day,
});
/** An IPv4 or IPv6 network in CIDR notation (`10.0.0.0/8`, `2001:db8::/32`). */
const cidr = schemas/* string */.YjP()
    .refine((value) => parseCidr(value) !== undefined, 'expected a CIDR such as 203.0.113.0/24');
const login = schemas/* string */.YjP().regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/, 'expected a GitHub login');
const policySchema = schemas/* strictObject */.rej({
    productionApps: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).default([]),
    maxTeamAdmins: schemas/* number */.aig().int().min(0).default(3),
    maxEnterpriseManagers: schemas/* number */.aig().int().min(0).default(3),
    allowedEmailDomains: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).default([]),
    forbiddenConfigVars: schemas/* array */.YOg(schemas/* string */.YjP().min(1))
        .default([
        'AWS_SECRET_ACCESS_KEY',
        'AWS_ACCESS_KEY_ID',
        'AZURE_CLIENT_SECRET',
        'GOOGLE_APPLICATION_CREDENTIALS_JSON',
        'GCP_SERVICE_ACCOUNT_KEY',
    ]),
    sensitiveAddonServices: schemas/* array */.YOg(schemas/* string */.YjP().min(1))
        .default([
        'heroku-postgresql',
        'heroku-redis',
        'heroku-kafka',
        'heroku-key-value-store',
        'mongolab',
        'cleardb',
        'jawsdb',
        'bonsai',
        'searchbox',
    ]),
    certExpiryDays: schemas/* number */.aig().int().min(0).default(30),
    /** HEROKU-SSO-1 also fails a team that owns production apps and has no identity provider. */
    requireSso: schemas/* boolean */.zMY().default(false),
    /** Add-on plans without rollback or high availability (HEROKU-DB-1), as `service:plan` globs. */
    nonResilientPlans: schemas/* array */.YOg(schemas/* string */.YjP().min(1))
        .default([
        'heroku-postgresql:essential-*',
        'heroku-postgresql:mini',
        'heroku-postgresql:basic',
        'heroku-postgresql:hobby-*',
        'heroku-redis:mini',
    ]),
    /** Sources a Private Space may admit (HEROKU-NET-1); unset, that control is not evaluated. */
    allowedInboundCidrs: schemas/* array */.YOg(cidr).optional(),
    tokenMaxAgeDays: schemas/* number */.aig().int().min(1).default(90),
    owners: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* array */.YOg(login)).default({}),
    /**
     * Emails of the accounts the evidence is collected with (the collector's own): their team `admin` role and
     * enterprise `manage` permission are what reading everything takes, so HEROKU-ACCESS-1 and -2 name them instead of
     * counting them.
     */
    serviceAccounts: schemas/* array */.YOg(schemas/* string */.YjP().regex(/^[^@\s]+@[^@\s]+$/, 'expected an email address'))
        .default([])
        .transform((emails) => [...new Set(emails.map((e) => e.toLowerCase()))].sort()),
    waivers: schemas/* array */.YOg(waiver).default([]),
    /** Days to remediate an exception, by severity: the SLA of period reports. */
    remediationDays: schemas/* strictObject */.rej({
        critical: schemas/* number */.aig().int().min(0).default(7),
        high: schemas/* number */.aig().int().min(0).default(30),
        medium: schemas/* number */.aig().int().min(0).default(90),
        low: schemas/* number */.aig().int().min(0).default(180),
    })
        .default({ critical: 7, high: 30, medium: 90, low: 180 }),
});
const defaultPolicy = policySchema.parse({});
function parsePolicy(text, source) {
    let raw;
    try {
        raw = (0,dist/* parse */.qg)(text) ?? {};
    }
    catch (error) {
        throw new PolicyError(`${source} is not valid YAML: ${error.message}`);
    }
    if (typeof raw !== 'object' || Array.isArray(raw)) {
        throw new PolicyError(`${source} must be a YAML mapping of policy keys (see the README).`);
    }
    const result = policySchema.safeParse(raw);
    if (result.success)
        return result.data;
    const issue = result.error.issues[0];
    const key = issue.path
        .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
        .join('');
    const at = key ? key.replace(/^\./, '') : '(top level)';
    if (issue.code === 'unrecognized_keys') {
        const where = key ? ` in ${at}` : '';
        throw new PolicyError(`${source}: unknown key ${issue.keys.map((k) => `"${k}"`).join(', ')}${where}. Known keys: ${Object.keys(key ? waiver.shape : policySchema.shape).join(', ')}.`);
    }
    const value = issue.path.reduce((node, part) => node && typeof node === 'object' ? node[part] : undefined, raw);
    throw new PolicyError(`${source}: ${at} is ${JSON.stringify(value) ?? 'missing'}: ${issue.message}.`);
}
async function loadPolicy(path) {
    if (!path)
        return defaultPolicy;
    let text;
    try {
        text = await (0,promises_.readFile)(path, 'utf8');
    }
    catch (error) {
        throw new PolicyError(`The policy file ${path} cannot be read: ${error.code}.`);
    }
    return parsePolicy(text, path);
}
/** Where the README's set-up puts the policy file: read when the `policy` input is empty and the file exists. */
const DEFAULT_POLICY_PATH = '.github/heroku-evidence.yml';
/**
 * The policy of a run: the `policy` input's file (which must exist: a typo must not leave the defaults in force), or
 * else the file at DEFAULT_POLICY_PATH in the workspace when there is one, or else the defaults. `source` says which,
 * for the log.
 */
async function workspacePolicy(input, workspace) {
    if (input)
        return { policy: await loadPolicy(input), source: input };
    let text;
    try {
        text = await (0,promises_.readFile)((0,external_node_path_.join)(workspace, DEFAULT_POLICY_PATH), 'utf8');
    }
    catch (error) {
        const code = error.code;
        if (code !== 'ENOENT')
            throw new PolicyError(`The policy file ${DEFAULT_POLICY_PATH} cannot be read: ${code}.`);
        return {
            policy: defaultPolicy,
            source: `the defaults (no \`policy\` input, and no ${DEFAULT_POLICY_PATH} in the workspace)`,
        };
    }
    return { policy: parsePolicy(text, DEFAULT_POLICY_PATH), source: DEFAULT_POLICY_PATH };
}
/** Glob matching as the README documents it: `*` within a name, case-sensitive, dots allowed. */
const GLOBS = new Map();
/**
 * Whether a resource key matches a policy glob (waivers): `*` matches any characters within one `/`-separated
 * segment (a line break included: config var names can hold one), `**` any across segments, `?` one character of
 * a segment; everything else is literal. Written here because no glob library gives both: their `*` either
 * crosses `/` or stops at a line break.
 */
function matches(glob, value) {
    let pattern = GLOBS.get(glob);
    if (!pattern) {
        const source = glob
            .split(/(\*\*|\*|\?)/)
            .map((part) => part === '**'
            ? '[\\s\\S]*'
            : part === '*'
                ? '[^/]*'
                : part === '?'
                    ? '[^/]'
                    : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
            .join('');
        pattern = new RegExp(`^${source}$`, 'u');
        GLOBS.set(glob, pattern);
    }
    return pattern.test(value);
}
/**
 * Whether a name (a config var, app or team name, which has no segments) matches a policy glob: there `*`
 * matches any characters, `/` and line breaks included.
 */
function matchesName(glob, name) {
    return matches(glob.replace(/\*+/g, '**'), name);
}
/** Names of the production apps: coupled to a pipeline at stage `production`, or matching a `productionApps` glob. */
function productionAppNames(apps, couplings, productionApps) {
    const appName = new Map(apps.map((app) => [app.id, app.name]));
    const production = new Set();
    for (const coupling of couplings) {
        const name = appName.get(coupling.app.id);
        if (name && coupling.stage === 'production')
            production.add(name);
    }
    for (const app of apps) {
        if (productionApps.some((glob) => matchesName(glob, app.name)))
            production.add(app.name);
    }
    return production;
}
/** `address/prefix` split and checked, or undefined when it is not a CIDR. */
function parseCidr(value) {
    const match = /^([^/]+)\/(\d{1,3})$/.exec(value.trim());
    if (!match)
        return undefined;
    const version = (0,external_node_net_.isIP)(match[1]);
    const prefix = Number(match[2]);
    if (version === 0 || prefix > (version === 4 ? 32 : 128))
        return undefined;
    return { address: match[1], prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

;// CONCATENATED MODULE: ./src/snapshot/snapshot.ts
// Long-lived secrets usually carry one of these words in their name.
const SECRET_LIKE = /(SECRET|PASSWORD|PASSWD|TOKEN|PRIVATE|CREDENTIAL|API_?KEY|ACCESS_?KEY|_KEY$|^KEY$|_URL$|_URI$|DSN)/;
/** A config var name (of an app or a pipeline stage) as the evidence records it: never its value. */
function classifyConfigVar(name, addon) {
    return { name, secretLike: SECRET_LIKE.test(name.toUpperCase()), addon };
}
function emptySnapshot(collectedAt) {
    return {
        collectedAt,
        completedAt: collectedAt,
        collected: { inventory: false, audit: false },
        enterpriseName: null,
        teamsSelected: [],
        sniEndpointsReadFor: [],
        auditWindowStart: null,
        authorizationIds: [],
        account: null,
        authorization: null,
        enterpriseAccount: null,
        enterpriseMembers: [],
        teams: [],
        teamMembers: [],
        teamPreferences: [],
        apps: [],
        appPermissions: [],
        configVarNames: [],
        domains: [],
        sniEndpoints: [],
        addons: [],
        addonAttachments: [],
        pipelines: [],
        pipelineCouplings: [],
        formations: [],
        spaces: [],
        stacks: [],
        logDrains: [],
        appFeatures: [],
        identityProviders: [],
        pipelineConfigVarNames: [],
        reviewAppConfigs: [],
        spaceInboundRules: [],
        auditDays: [],
        gaps: [],
        requests: 0,
        rateLimited: 0,
    };
}
/** The gap that kept `resource` of `scope` from being read, if any. */
function gapFor(snapshot, resource, scope) {
    return snapshot.gaps.find((gap) => gap.resource === resource && gap.scope === scope);
}

;// CONCATENATED MODULE: ./src/controls/context.ts
// Facts several controls share, derived once from the snapshot.


function buildContext(snapshot, policy, now) {
    // The walk decided with the same function which apps to read drains and features of.
    const production = productionAppNames(snapshot.apps, snapshot.pipelineCouplings, policy.productionApps);
    // An app of a team whose pipeline couplings could not be read may be production through a stage nobody saw:
    // its production status is unknown, and the controls that depend on it say so instead of passing or dropping it.
    const unreadableCouplings = new Set(snapshot.gaps.filter((g) => g.resource === 'pipeline-couplings').map((g) => g.scope));
    const productionUnknown = new Set(snapshot.apps
        .filter((app) => !production.has(app.name) && unreadableCouplings.has(`team/${app.team?.name ?? ''}`))
        .map((app) => app.name));
    return { snapshot, policy, now, production, productionUnknown };
}
/** An `error` result for `resource` when whether `app` is a production app could not be read. */
function productionUnknown(context, app, resource) {
    if (!context.productionUnknown.has(app))
        return undefined;
    const team = context.snapshot.apps.find((a) => a.name === app)?.team?.name ?? '';
    return {
        resource,
        status: 'error',
        title: `could not be evaluated: whether ${app} is a production app is unknown`,
        detail: `The pipeline couplings of team ${team} could not be read, so ${app} may be production through a pipeline stage. ${gapFor(context.snapshot, 'pipeline-couplings', `team/${team}`)?.reason ?? ''}`.trim(),
    };
}
/** The team of each app, by app name. */
function teamOfApp(snapshot) {
    return new Map(snapshot.apps.map((app) => [app.name, app.team?.name ?? '']));
}
/** An `error` result when `resource` of `scope` could not be read, naming why. */
function unreadable(snapshot, resource, scope, key = scope) {
    const gap = gapFor(snapshot, resource, scope);
    if (!gap)
        return undefined;
    return {
        resource: key,
        status: 'error',
        title: `could not be evaluated: ${resource} of ${scope} unreadable`,
        detail: gap.reason,
    };
}
function plural(n, word) {
    return `${n} ${word}${n === 1 ? '' : 's'}`;
}
const DAY_MS = 86_400_000;

;// CONCATENATED MODULE: ./src/controls/access.ts


const ADMIN_ROLES = new Set(['admin', 'owner']);
const WRITE_PERMISSIONS = ['deploy', 'operate', 'manage'];
const access1 = {
    id: 'HEROKU-ACCESS-1',
    name: 'Teams have few admins',
    severity: 'medium',
    needs: 'inventory',
    rationale: 'Team admins can add members, change roles and delete any app of the team; every extra admin is one more account whose compromise exposes the whole team.',
    remediation: 'Demote the admins who do not need the role: `heroku members:set <email> --role member --team <team>` (Dashboard: team > Access).',
    frameworks: ['SOC 2 CC6.3', 'SOC 2 CC6.1', 'ISO/IEC 27001:2022 A.8.2', 'ISO/IEC 27001:2022 A.5.15'],
    evaluate({ snapshot, policy }) {
        return snapshot.teams
            .filter((team) => team.visible)
            .map((team) => {
            const scope = `team/${team.name}`;
            const missing = unreadable(snapshot, 'team-members', scope);
            if (missing)
                return missing;
            const all = snapshot.teamMembers
                .filter((m) => m.team === team.name && ADMIN_ROLES.has(m.role ?? ''))
                .map((m) => m.email)
                .sort();
            const { counted: admins, note } = setAside(all, policy.serviceAccounts, 'admin role');
            if (admins.length <= policy.maxTeamAdmins) {
                return {
                    resource: scope,
                    status: 'pass',
                    title: `team ${team.name} has ${plural(admins.length, 'admin')}`,
                    detail: note,
                };
            }
            return {
                resource: scope,
                status: 'fail',
                title: `team ${team.name} has ${admins.length} admins (at most ${policy.maxTeamAdmins} allowed)`,
                detail: `Admins of ${team.name}: ${admins.join(', ')}.${note ? ` ${note}` : ''}`,
            };
        });
    },
};
/**
 * Splits the holders of a grant into those a limit counts and the collector's own accounts (`serviceAccounts`),
 * which need the grant to read everything: the note names the latter, so the evidence says who was set aside.
 */
function setAside(holders, serviceAccounts, grant) {
    const service = new Set(serviceAccounts);
    const aside = holders.filter((h) => service.has(h.toLowerCase()));
    return {
        counted: holders.filter((h) => !service.has(h.toLowerCase())),
        note: aside.length
            ? `Not counted: ${aside.join(', ')} (the collector’s ${aside.length === 1 ? 'account' : 'accounts'}, \`serviceAccounts\` in the policy), whose ${grant} the evidence collection needs.`
            : '',
    };
}
const access2 = {
    id: 'HEROKU-ACCESS-2',
    name: 'Few enterprise managers',
    severity: 'medium',
    needs: 'inventory',
    rationale: 'Enterprise members with `manage` control every team, member and setting of the enterprise account; the fewer, the smaller the blast radius of one compromised account.',
    remediation: 'Remove the `manage` permission from those who do not need it: Dashboard > Enterprise account <enterprise> > Members > Edit permissions. The collector’s own account needs `manage` for the audit trail: list it in the policy’s `serviceAccounts` instead.',
    frameworks: ['SOC 2 CC6.3', 'ISO/IEC 27001:2022 A.8.2'],
    evaluate({ snapshot, policy }) {
        if (!snapshot.enterpriseName)
            return [];
        const resource = `enterprise/${snapshot.enterpriseAccount?.name ?? snapshot.enterpriseName}`;
        const missing = unreadable(snapshot, 'enterprise-account', resource) ??
            unreadable(snapshot, 'enterprise-members', resource);
        if (missing)
            return [missing];
        const all = snapshot.enterpriseMembers
            .filter((m) => m.permissions.includes('manage'))
            .map((m) => m.user.email)
            .sort();
        const { counted: managers, note } = setAside(all, policy.serviceAccounts, '`manage` permission');
        if (managers.length <= policy.maxEnterpriseManagers) {
            return [
                {
                    resource,
                    status: 'pass',
                    title: `${plural(managers.length, 'enterprise manager')}`,
                    detail: note,
                },
            ];
        }
        return [
            {
                resource,
                status: 'fail',
                title: `enterprise account has ${managers.length} members with manage (at most ${policy.maxEnterpriseManagers} allowed)`,
                detail: `Members with the manage permission: ${managers.join(', ')}.${note ? ` ${note}` : ''}`,
            },
        ];
    },
};
/** One entry per person, whatever their teams, merging what team and enterprise memberships say. */
function people(snapshot) {
    const byEmail = new Map();
    const get = (email) => {
        const key = email.toLowerCase();
        let person = byEmail.get(key);
        if (!person) {
            person = { email: key, teams: new Set(), twoFactor: undefined, federated: false };
            byEmail.set(key, person);
        }
        return person;
    };
    for (const m of snapshot.teamMembers) {
        const person = get(m.email);
        person.teams.add(m.team);
        if (m.two_factor_authentication !== undefined)
            person.twoFactor = (person.twoFactor ?? false) || m.two_factor_authentication;
        if (m.federated || m.identity_provider)
            person.federated = true;
    }
    for (const m of snapshot.enterpriseMembers) {
        const person = get(m.user.email);
        if (m.two_factor_authentication !== undefined)
            person.twoFactor = (person.twoFactor ?? false) || m.two_factor_authentication;
        if (m.identity_provider)
            person.federated = true;
    }
    return [...byEmail.values()].sort((a, b) => a.email.localeCompare(b.email));
}
const access3 = {
    id: 'HEROKU-ACCESS-3',
    name: 'Members use two-factor authentication or SSO',
    severity: 'high',
    needs: 'inventory',
    rationale: 'A password alone is phished or reused; a Heroku account without a second factor or an identity provider can deploy code and read secrets of every app it can reach.',
    remediation: 'Ask the member to enable two-factor authentication (Account settings > Multi-factor authentication, or `heroku 2fa:enable`), or federate the team with your identity provider (Enterprise > Settings > Single Sign-On).',
    frameworks: ['SOC 2 CC6.1', 'ISO/IEC 27001:2022 A.8.5'],
    evaluate({ snapshot }) {
        return people(snapshot).map((person) => {
            const resource = `member/${person.email}`;
            const teams = [...person.teams].sort().join(', ') || 'the enterprise account';
            if (person.federated)
                return { resource, status: 'pass', title: `${person.email} signs in through SSO`, detail: '' };
            if (person.twoFactor)
                return {
                    resource,
                    status: 'pass',
                    title: `${person.email} has two-factor authentication`,
                    detail: '',
                };
            if (person.twoFactor === undefined) {
                return {
                    resource,
                    status: 'error',
                    title: `two-factor status of ${person.email} not reported by Heroku`,
                    detail: `Heroku did not report whether ${person.email} (${teams}) uses two-factor authentication; read the enterprise members (permission \`view\`) to know.`,
                };
            }
            return {
                resource,
                status: 'fail',
                title: `${person.email} has neither two-factor authentication nor SSO`,
                detail: `${person.email} (member of ${teams}) signs in with a password alone.`,
            };
        });
    },
};
const access4 = {
    id: 'HEROKU-ACCESS-4',
    name: 'Members use company email domains',
    severity: 'medium',
    needs: 'inventory',
    rationale: 'An account on a personal or third-party email domain is outside the company’s identity lifecycle: it survives offboarding and its recovery is not under your control.',
    remediation: 'Remove the member (`heroku members:remove <email> --team <team>`) and invite their company account instead, or add the domain to `allowedEmailDomains` in the policy if it is yours.',
    frameworks: ['SOC 2 CC6.2', 'ISO/IEC 27001:2022 A.5.16', 'ISO/IEC 27001:2022 A.5.18'],
    evaluate({ snapshot, policy }) {
        if (policy.allowedEmailDomains.length === 0)
            return [];
        const allowed = new Set(policy.allowedEmailDomains.map((d) => d.toLowerCase()));
        return people(snapshot).map((person) => {
            const resource = `member/${person.email}`;
            const domain = person.email.slice(person.email.lastIndexOf('@') + 1);
            if (allowed.has(domain))
                return { resource, status: 'pass', title: `${person.email} is on an allowed domain`, detail: '' };
            return {
                resource,
                status: 'fail',
                title: `${person.email} is not on an allowed email domain`,
                detail: `${person.email} (member of ${[...person.teams].sort().join(', ') || 'the enterprise account'}) uses ${domain}; allowed: ${[...allowed].sort().join(', ')}.`,
            };
        });
    },
};
const access5 = {
    id: 'HEROKU-ACCESS-5',
    name: 'No outside collaborator can change production apps',
    severity: 'high',
    needs: 'inventory',
    rationale: 'Collaborators are outside the team’s membership reviews; one with deploy, operate or manage on a production app can ship code or change config with no team oversight.',
    remediation: 'Reduce the collaborator to `view`, or remove them: `heroku access:update <email> --permissions view --app <app>` / `heroku access:remove <email> --app <app>`; make them a team member if they need more.',
    frameworks: ['SOC 2 CC6.3', 'ISO/IEC 27001:2022 A.5.18', 'ISO/IEC 27001:2022 A.8.2'],
    evaluate(context) {
        const { snapshot, production } = context;
        const teams = teamOfApp(snapshot);
        const roles = new Map(snapshot.teamMembers.map((m) => [`${m.team}/${m.email.toLowerCase()}`, m.role ?? '']));
        const results = [];
        for (const app of [...production, ...context.productionUnknown].sort()) {
            const team = teams.get(app) ?? '';
            const resource = `app/${app}`;
            const unknown = productionUnknown(context, app, resource);
            if (unknown) {
                results.push(unknown);
                continue;
            }
            if (gapFor(snapshot, 'app-permissions', `team/${team}`) ||
                gapFor(snapshot, 'team-members', `team/${team}`)) {
                results.push(unreadable(snapshot, 'app-permissions', `team/${team}`, resource) ??
                    unreadable(snapshot, 'team-members', `team/${team}`, resource));
                continue;
            }
            const entity = snapshot.appPermissions.find((p) => p.app === app);
            if (!entity) {
                // Heroku lists every app of the team with its users; one missing from the list was not observed.
                results.push({
                    resource,
                    status: 'error',
                    title: `could not be evaluated: ${app} is missing from team ${team}’s app permissions`,
                    detail: `GET /teams/${team}/permissions did not list ${app}, so who can change it was not observed.`,
                });
                continue;
            }
            const outsiders = entity.users
                .filter((u) => {
                const role = roles.get(`${team}/${u.email.toLowerCase()}`);
                return ((role === undefined || role === 'collaborator') &&
                    u.permissions.some((p) => WRITE_PERMISSIONS.includes(p)));
            })
                .map((u) => `${u.email} (${u.permissions.join(', ')})`)
                .sort();
            results.push(outsiders.length === 0
                ? { resource, status: 'pass', title: `no outside collaborator can change ${app}`, detail: '' }
                : {
                    resource,
                    status: 'fail',
                    title: `production app ${app} has ${plural(outsiders.length, 'outside collaborator')} with write access`,
                    detail: `Collaborators of ${app} outside team ${team}: ${outsiders.join('; ')}.`,
                });
        }
        return results;
    },
};

;// CONCATENATED MODULE: ./src/controls/addons.ts


const addon1 = {
    id: 'HEROKU-ADDON-1',
    name: 'Production data stores are attached to production apps only',
    // Critical: the attached app holds the production database's credentials in its config vars, so whoever can
    // deploy to it or read its config can read and change production data now, with none of production's controls.
    severity: 'critical',
    needs: 'inventory',
    rationale: 'A production database or cache attached to a staging, development or review app exposes production data to code, people and config that never went through production’s controls.',
    remediation: 'Detach <addon> from the non-production app: `heroku addons:detach <attachment> --app <app>`, and give that app its own add-on (with anonymised data if it needs some).',
    frameworks: ['SOC 2 CC6.1', 'ISO/IEC 27001:2022 A.8.31', 'ISO/IEC 27001:2022 A.8.3'],
    evaluate(context) {
        const { snapshot, policy, production } = context;
        const sensitive = new Set(policy.sensitiveAddonServices);
        const readApps = new Set(snapshot.apps.map((a) => a.name));
        const results = [];
        // The data stores of production apps, and of apps that may be production (their status is unknown).
        const prodAddons = new Map(snapshot.addons
            .filter((a) => sensitive.has(a.addon_service.name) &&
            (production.has(a.app.name ?? '') || context.productionUnknown.has(a.app.name ?? '')))
            .map((a) => [a.id, a]));
        for (const attachment of snapshot.addonAttachments) {
            const addon = prodAddons.get(attachment.addon.id);
            if (!addon)
                continue;
            const app = attachment.app.name ?? attachment.app.id;
            const resource = `addon-attachment/${addon.name}/${app}`;
            // Unknown whether the owner is production, or whether the app it is attached to is.
            const unknown = productionUnknown(context, addon.app.name ?? '', resource) ??
                productionUnknown(context, app, resource);
            if (unknown) {
                results.push(unknown);
                continue;
            }
            // Attached to an app this run did not read (its team outside the run, invisible or unlisted): whether that
            // app is production is not known, so this is not evaluated, never a failure.
            if (!production.has(app) && !readApps.has(app)) {
                results.push({
                    resource,
                    status: 'error',
                    title: `could not be evaluated: ${addon.name} is attached to ${app}, which this run did not read`,
                    detail: `${addon.name} (${addon.addon_service.name}) of production app ${addon.app.name} is attached to ${app} as ${attachment.name}; ${app} is not among the apps this run read, so whether it is a production app is unknown.`,
                });
                continue;
            }
            results.push(production.has(app)
                ? {
                    resource,
                    status: 'pass',
                    title: `${addon.name} is attached to production app ${app}`,
                    detail: '',
                }
                : {
                    resource,
                    status: 'fail',
                    title: `${addon.name}, a data store of production app ${addon.app.name}, is attached to non-production app ${app}`,
                    detail: `${addon.name} (${addon.addon_service.name}) belongs to production app ${addon.app.name} and is attached to ${app} as ${attachment.name}, which is not a production app.`,
                });
        }
        for (const gap of snapshot.gaps.filter((g) => g.resource === 'addon-attachments' || g.resource === 'team-addons')) {
            results.push(unreadable(snapshot, gap.resource, gap.scope));
        }
        return results;
    },
};
const addon2 = {
    id: 'HEROKU-ADDON-2',
    name: 'Teams with production apps enforce add-on controls',
    severity: 'low',
    needs: 'inventory',
    rationale: 'Without add-on controls any member can install any marketplace add-on on a production app and hand it production data and config vars.',
    remediation: 'Enable add-on controls for team <team>: Dashboard > <team> > Settings > Add-on Controls > Enable, then allow-list the services you use.',
    frameworks: ['SOC 2 CC6.8', 'ISO/IEC 27001:2022 A.8.19'],
    evaluate(context) {
        const { snapshot, production } = context;
        const teamsWithProduction = new Set(snapshot.apps.filter((a) => production.has(a.name)).map((a) => a.team?.name ?? ''));
        const teamsMaybeProduction = new Set(snapshot.apps.filter((a) => context.productionUnknown.has(a.name)).map((a) => a.team?.name ?? ''));
        return [...new Set([...teamsWithProduction, ...teamsMaybeProduction])].sort().map((team) => {
            const resource = `team/${team}`;
            const missing = unreadable(snapshot, 'team-preferences', resource);
            if (missing)
                return missing;
            const prefs = snapshot.teamPreferences.find((p) => p.team === team);
            if (prefs?.['addons-controls'] === true)
                return { resource, status: 'pass', title: `team ${team} enforces add-on controls`, detail: '' };
            if (!teamsWithProduction.has(team))
                return {
                    resource,
                    status: 'error',
                    title: `could not be evaluated: whether team ${team} owns production apps is unknown`,
                    detail: `The pipeline couplings of team ${team} could not be read, and it does not enforce add-on controls.`,
                };
            return {
                resource,
                status: 'fail',
                title: `team ${team} owns production apps but does not enforce add-on controls`,
                detail: `The addons-controls preference of team ${team} is ${String(prefs?.['addons-controls'] ?? 'unset')}.`,
            };
        });
    },
};
const db1 = {
    id: 'HEROKU-DB-1',
    name: 'Production data stores are on plans with rollback or high availability',
    severity: 'medium',
    needs: 'inventory',
    rationale: 'Entry-level data store plans have no rollback to a point in time, no follower or standby and no uptime commitment: a bad migration or a lost instance means restoring from the last daily backup at best, losing every change since.',
    remediation: 'Move the data store to a plan with rollback and high availability: `heroku addons:upgrade <addon> heroku-postgresql:standard-0` for Postgres (or a follower change-over to keep downtime short), `heroku addons:upgrade <addon> heroku-redis:premium-0` for Redis.',
    frameworks: ['SOC 2 A1.2', 'ISO/IEC 27001:2022 A.8.13', 'ISO/IEC 27001:2022 A.8.14'],
    evaluate(context) {
        const { snapshot, policy, production } = context;
        const sensitive = new Set(policy.sensitiveAddonServices);
        const appName = new Map(snapshot.apps.map((a) => [a.id, a.name]));
        const results = [];
        for (const addon of snapshot.addons) {
            const app = addon.app.name ?? appName.get(addon.app.id) ?? '';
            if (!sensitive.has(addon.addon_service.name))
                continue;
            if (!production.has(app) && !context.productionUnknown.has(app))
                continue;
            const resource = `addon/${addon.name}`;
            const unknown = productionUnknown(context, app, resource);
            if (unknown) {
                results.push(unknown);
                continue;
            }
            const plan = addon.plan?.name;
            if (!plan) {
                results.push({
                    resource,
                    status: 'error',
                    title: `could not be evaluated: Heroku gave no plan for ${addon.name}`,
                    detail: '',
                });
                continue;
            }
            results.push(policy.nonResilientPlans.some((glob) => matchesName(glob, plan))
                ? {
                    resource,
                    status: 'fail',
                    title: `production data store ${addon.name} of ${app} is on ${plan}`,
                    detail: `${addon.name} (${addon.addon_service.name}) of production app ${app} is on plan ${plan}, which the policy lists as without rollback or high availability (nonResilientPlans).`,
                }
                : { resource, status: 'pass', title: `${addon.name} of ${app} is on ${plan}`, detail: '' });
        }
        // A team whose add-ons could not be read may hold production data stores on any plan.
        const teamsWithProduction = new Set(snapshot.apps.filter((a) => production.has(a.name)).map((a) => a.team?.name ?? ''));
        for (const team of [...teamsWithProduction].sort()) {
            const missing = unreadable(snapshot, 'team-addons', `team/${team}`);
            if (missing)
                results.push(missing);
        }
        return results;
    },
};

;// CONCATENATED MODULE: ./src/controls/apps.ts
// Fir apps are built with Cloud Native Buildpacks: Heroku reports their stack as `cnb`, which is not a stack of
// `GET /stacks` with a state of its own; their base image comes with the generation and its builder.
function isFir(app) {
    return app.generation?.name === 'fir' || app.stack?.name === 'cnb';
}
const app1 = {
    id: 'HEROKU-APP-1',
    name: 'Apps run on supported stacks',
    severity: 'medium',
    needs: 'inventory',
    rationale: 'A deprecated stack stops receiving security updates of its operating system and language runtimes, and a retired one has stopped already: builds on it are refused and its known vulnerabilities stay open.',
    remediation: 'Move the app to a current stack: `heroku stack:set heroku-24 --app <app>`, then deploy (test it on a staging app first).',
    frameworks: ['SOC 2 CC7.1', 'ISO/IEC 27001:2022 A.8.8'],
    evaluate({ snapshot }) {
        const gap = snapshot.gaps.find((g) => g.resource === 'stacks');
        const state = new Map(snapshot.stacks.map((s) => [s.name, s.state]));
        return snapshot.apps.map((app) => {
            const resource = `app/${app.name}`;
            const stack = app.stack?.name ?? app.build_stack?.name;
            const team = app.team?.name ?? 'none';
            if (isFir(app))
                return {
                    resource,
                    status: 'pass',
                    title: `${app.name} runs on the Fir generation (${stack ?? 'cnb'})`,
                    detail: `Heroku reports ${app.name} on generation ${app.generation?.name ?? 'fir'}, whose base images are kept current through Cloud Native Buildpacks; no stack state applies.`,
                };
            if (gap)
                return { resource, status: 'error', title: 'stack states could not be read', detail: gap.reason };
            if (!stack)
                return {
                    resource,
                    status: 'error',
                    title: `Heroku reported no stack for ${app.name}`,
                    detail: `The app record of ${app.name} (team ${team}) names neither a stack nor a build stack.`,
                };
            const stackState = state.get(stack);
            if (stackState === undefined)
                return {
                    resource,
                    status: 'fail',
                    title: `${app.name} runs on retired stack ${stack}`,
                    detail: `Heroku no longer lists ${stack} among its stacks (GET /stacks): it is end of life. ${app.name} (team ${team}) still runs on it.`,
                };
            return stackState === 'deprecated'
                ? {
                    resource,
                    status: 'fail',
                    title: `${app.name} runs on deprecated stack ${stack}`,
                    detail: `Heroku marks ${stack} as deprecated; ${app.name} (team ${team}) still runs on it.`,
                }
                : { resource, status: 'pass', title: `${app.name} runs on ${stack}`, detail: '' };
        });
    },
};

;// CONCATENATED MODULE: ./src/controls/audit.ts
const audit1 = {
    id: 'HEROKU-AUDIT-1',
    name: 'The enterprise audit trail is collected every day',
    severity: 'medium',
    needs: 'audit',
    rationale: 'The audit trail is the record of who changed what; a day that was not collected is a day of changes nobody can account for once Heroku’s retention ends.',
    remediation: 'Give the service account (<collector>) the `manage` permission on enterprise account <enterprise> (Enterprise > Members): Heroku lets only `manage` read the audit trail. Check that the workflow runs every 6 hours; the next run fetches the missing days.',
    frameworks: ['SOC 2 CC7.2', 'ISO/IEC 27001:2022 A.8.15'],
    evaluate({ snapshot }) {
        const results = snapshot.auditDays.map((day) => ({
            resource: `audit-day/${day.day}`,
            status: 'pass',
            title: `${day.events.length} audit events collected for ${day.day}`,
            detail: '',
        }));
        for (const gap of snapshot.gaps.filter((g) => g.resource === 'audit-trail')) {
            const day = gap.scope.startsWith('audit-day/') ? gap.scope.slice('audit-day/'.length) : null;
            results.push({
                resource: day ? gap.scope : `enterprise/${snapshot.enterpriseName ?? ''}`,
                status: 'fail',
                title: day ? `audit trail of ${day} could not be read` : 'the audit trail cannot be read',
                detail: gap.reason,
            });
        }
        // Said when it holds, so that an issue about an unreadable audit trail closes as fixed.
        const enterprise = `enterprise/${snapshot.enterpriseName ?? ''}`;
        if (snapshot.enterpriseName && !results.some((r) => r.resource === enterprise))
            results.push({
                resource: enterprise,
                status: 'pass',
                title: 'the audit trail can be read',
                detail: '',
            });
        return results;
    },
};

;// CONCATENATED MODULE: ./src/controls/config.ts


const config1 = {
    id: 'HEROKU-CONFIG-1',
    name: 'No long-lived cloud credentials in config vars',
    severity: 'high',
    needs: 'inventory',
    rationale: 'Long-lived cloud keys in config vars are readable by everyone with access to the app, copied into every review app and fork, and rarely rotated; a leak gives standing access to your cloud account.',
    remediation: 'Replace the key with short-lived credentials (an IAM role assumed through OIDC, or a secrets manager), rotate it at the provider, then remove it: `heroku config:unset <NAME> --app <app>`.',
    frameworks: ['SOC 2 CC6.1', 'ISO/IEC 27001:2022 A.5.17', 'ISO/IEC 27001:2022 A.8.9'],
    evaluate({ snapshot, policy }) {
        const results = [];
        const namesByApp = new Map(snapshot.configVarNames.map((c) => [c.app, c.names]));
        for (const app of snapshot.apps) {
            const missing = unreadable(snapshot, 'config-var-names', `app/${app.name}`);
            if (missing) {
                results.push(missing);
                continue;
            }
            const forbidden = (namesByApp.get(app.name) ?? []).filter((v) => policy.forbiddenConfigVars.some((glob) => matchesName(glob, v.name)));
            if (forbidden.length === 0) {
                results.push({
                    resource: `app/${app.name}`,
                    status: 'pass',
                    title: `no forbidden config var in ${app.name}`,
                    detail: '',
                });
            }
            for (const v of forbidden) {
                results.push({
                    resource: `config-var/${app.name}/${v.name}`,
                    status: 'fail',
                    title: `${app.name} has config var ${v.name}`,
                    detail: `App ${app.name} sets ${v.name}, which the policy forbids (forbiddenConfigVars). Only the name was read; no value was.`,
                });
            }
        }
        return results;
    },
};

;// CONCATENATED MODULE: ./src/controls/coverage.ts

const coverage1 = {
    id: 'HEROKU-COVERAGE-1',
    name: 'The evidence covers every team and app',
    severity: 'medium',
    needs: 'inventory',
    rationale: 'Controls can only pass on what the collector sees; a team or app it cannot read is a blind spot that looks compliant.',
    remediation: 'Add the service account to the team as a member (`heroku members:add <collector> --team <team> --role member`), and create its token with the `read-protected` scope so config var names can be read (`heroku authorizations:create --scope identity,read-protected`).',
    frameworks: ['SOC 2 CC4.1', 'ISO/IEC 27001:2022 A.5.36'],
    evaluate({ snapshot }) {
        const results = [];
        const teamsGap = gapFor(snapshot, 'teams', 'account');
        if (teamsGap) {
            // Without the list of teams nothing else could be walked: every other control saw an empty account.
            results.push({
                resource: 'team/*',
                status: 'fail',
                title: 'the token’s teams cannot be listed',
                detail: teamsGap.reason,
            });
        }
        else {
            // Said when it holds, so that an issue about an unreadable list of teams closes as fixed.
            results.push({
                resource: 'team/*',
                status: 'pass',
                title: 'the token’s teams can be listed',
                detail: '',
            });
        }
        for (const team of snapshot.teams) {
            const resource = `team/${team.name}`;
            const appsGap = gapFor(snapshot, 'team-apps', resource);
            results.push(!team.visible
                ? {
                    resource,
                    status: 'fail',
                    title: `team ${team.name} is not visible to the collector`,
                    detail: gapFor(snapshot, 'team', resource)?.reason ?? `The token cannot see team ${team.name}.`,
                }
                : appsGap
                    ? {
                        resource,
                        status: 'fail',
                        title: `the apps of team ${team.name} cannot be listed`,
                        detail: appsGap.reason,
                    }
                    : { resource, status: 'pass', title: `team ${team.name} is visible to the token`, detail: '' });
        }
        for (const app of snapshot.apps) {
            const resource = `app/${app.name}`;
            const gap = gapFor(snapshot, 'config-var-names', resource);
            results.push(gap
                ? {
                    resource,
                    status: 'fail',
                    title: `config var names of ${app.name} cannot be read`,
                    detail: gap.reason,
                }
                : { resource, status: 'pass', title: `config var names of ${app.name} were read`, detail: '' });
        }
        return results;
    },
};

;// CONCATENATED MODULE: ./src/controls/logs.ts


const log1 = {
    id: 'HEROKU-LOG-1',
    name: 'Production apps send their logs to a log store',
    severity: 'high',
    needs: 'inventory',
    rationale: 'Heroku keeps only the last 1,500 log lines of an app: on a busy production app that is minutes. Without a drain, the logs an investigation or an auditor needs (who called what, which errors, when) are gone before anyone looks.',
    remediation: 'Send the app’s logs to your log store: `heroku drains:add syslog+tls://logs.example.com:6514 --app <app>` (or a logging add-on, e.g. `heroku addons:create papertrail --app <app>`); for a Fir app, a telemetry drain with the logs signal: `heroku telemetry:add https://otel.example.com --app <app> --signals logs`.',
    frameworks: ['SOC 2 CC7.2', 'ISO/IEC 27001:2022 A.8.15', 'ISO/IEC 27001:2022 A.8.16'],
    evaluate(context) {
        const { snapshot, production } = context;
        const results = [];
        const drainsByApp = new Map(snapshot.logDrains.map((d) => [d.app, d]));
        for (const app of snapshot.apps.filter((a) => production.has(a.name) || context.productionUnknown.has(a.name))) {
            const resource = `app/${app.name}`;
            const unknown = productionUnknown(context, app.name, resource);
            if (unknown) {
                results.push(unknown);
                continue;
            }
            const missing = unreadable(snapshot, 'log-drains', resource) ?? unreadable(snapshot, 'telemetry-drains', resource);
            if (missing) {
                results.push(missing);
                continue;
            }
            const record = drainsByApp.get(app.name);
            if (!record) {
                results.push({
                    resource,
                    status: 'error',
                    title: `could not be evaluated: the drains of ${app.name} were not read`,
                    detail: `${app.name} is a production app, but this run holds no list of its log or telemetry drains.`,
                });
                continue;
            }
            const telemetry = record.telemetryDrains.filter((d) => d.signals.includes('logs'));
            if (record.drains.length > 0 || telemetry.length > 0) {
                const targets = [
                    ...record.drains.map((d) => d.addon?.name ?? d.url ?? 'a drain'),
                    ...telemetry.map((d) => d.exporter.endpoint ?? 'a telemetry drain'),
                ];
                results.push({
                    resource,
                    status: 'pass',
                    title: `${app.name} sends its logs to ${targets.join(', ')}`,
                    detail: '',
                });
                continue;
            }
            // A Fir app's space drain may be the one that carries its logs.
            const spaceGap = app.space
                ? gapFor(snapshot, 'telemetry-drains', `space/${app.space.name}`)
                : undefined;
            if (spaceGap) {
                results.push(unreadable(snapshot, 'telemetry-drains', `space/${app.space.name}`, resource));
                continue;
            }
            results.push({
                resource,
                status: 'fail',
                title: `production app ${app.name} sends its logs nowhere`,
                detail: `${app.name} has no log drain` +
                    (record.telemetryDrains.length > 0 ? ' and no telemetry drain with the logs signal' : '') +
                    ': Heroku keeps only its last 1,500 log lines.',
            });
        }
        return results;
    },
};

;// CONCATENATED MODULE: ./src/controls/network.ts



/** Does the network `inner` lie entirely inside `outer`? Both in CIDR notation; different families never do. */
function cidrWithin(inner, outer) {
    const a = parseCidr(inner);
    const b = parseCidr(outer);
    if (!a || !b || a.family !== b.family || a.prefix < b.prefix)
        return false;
    // With a prefix at least as long, `inner` lies inside `outer` exactly when its address does.
    const list = new external_node_net_.BlockList();
    list.addSubnet(b.address, b.prefix, b.family);
    return list.check(a.address, a.family);
}
const net1 = {
    id: 'HEROKU-NET-1',
    name: 'Private Spaces admit traffic only from allowed networks',
    severity: 'high',
    needs: 'inventory',
    rationale: 'A Private Space’s inbound rules are its firewall: a rule wider than the networks you expect (Heroku’s default admits 0.0.0.0/0) exposes internal apps and admin endpoints to the whole internet.',
    remediation: 'Narrow the space’s trusted IP ranges to the allowed networks: list them with `heroku trusted-ips --space <space>`, add yours with `heroku trusted-ips:add 203.0.113.0/24 --space <space>`, and remove the wide one with `heroku trusted-ips:remove 0.0.0.0/0 --space <space>`.',
    frameworks: ['SOC 2 CC6.6', 'ISO/IEC 27001:2022 A.8.20'],
    evaluate({ snapshot, policy }) {
        const allowed = policy.allowedInboundCidrs;
        // Only evaluated when the policy says which networks are allowed (an empty list says nothing, as for
        // allowedEmailDomains).
        if (!allowed?.length)
            return [];
        const results = [];
        const rulesBySpace = new Map(snapshot.spaceInboundRules.map((s) => [s.space, s]));
        for (const space of snapshot.spaces) {
            const resource = `space/${space.name}`;
            const missing = unreadable(snapshot, 'inbound-ruleset', resource);
            if (missing) {
                results.push(missing);
                continue;
            }
            const ruleset = rulesBySpace.get(space.name);
            if (!ruleset)
                continue; // a Fir space: no inbound ruleset in Heroku's API
            const outside = ruleset.rules.filter((rule) => rule.action === 'allow' && !allowed.some((cidr) => cidrWithin(rule.source, cidr)));
            results.push(outside.length === 0
                ? {
                    resource,
                    status: 'pass',
                    title: `space ${space.name} admits only allowed networks`,
                    detail: '',
                }
                : {
                    resource,
                    status: 'fail',
                    title: `space ${space.name} admits ${outside.map((r) => r.source).join(', ')}`,
                    detail: `The inbound rules of Private Space ${space.name} allow ${outside.map((r) => r.source).join(', ')}, outside allowedInboundCidrs (${allowed.join(', ')}).`,
                });
        }
        return results;
    },
};

;// CONCATENATED MODULE: ./src/controls/pipelines.ts


const config2 = {
    id: 'HEROKU-CONFIG-2',
    name: 'No long-lived cloud credentials in pipeline stage config vars',
    severity: 'high',
    needs: 'inventory',
    rationale: 'Heroku gives a pipeline stage’s config vars to every review app and CI run of that stage: code from any pull request can read them, and they are rarely rotated.',
    remediation: 'Replace the key with short-lived credentials, rotate it at the provider, then remove it from the stage: `heroku ci:config:unset <NAME> --pipeline <pipeline>` for CI (stage test), or Dashboard > pipeline <pipeline> > Settings > Review Apps > Config vars for review apps.',
    frameworks: ['SOC 2 CC6.1', 'ISO/IEC 27001:2022 A.8.9'],
    evaluate({ snapshot, policy }) {
        const results = [];
        for (const pipeline of snapshot.pipelines) {
            const resource = `pipeline/${pipeline.name}`;
            const stages = snapshot.pipelineConfigVarNames.filter((c) => c.pipeline === pipeline.name);
            let failed = false;
            for (const stage of stages) {
                for (const v of stage.names.filter((n) => policy.forbiddenConfigVars.some((g) => matchesName(g, n.name)))) {
                    failed = true;
                    results.push({
                        resource: `pipeline-config-var/${pipeline.name}/${stage.stage}/${v.name}`,
                        status: 'fail',
                        title: `pipeline ${pipeline.name} gives its ${stage.stage} apps config var ${v.name}`,
                        detail: `Stage ${stage.stage} of pipeline ${pipeline.name} sets ${v.name}, which the policy forbids (forbiddenConfigVars); Heroku gives it to every ${stage.stage === 'review' ? 'review app' : 'CI run'} of the pipeline. Only the name was read; no value was.`,
                    });
                }
            }
            // The review stage is read only once the review-app config says review apps are on.
            const missing = unreadable(snapshot, 'pipeline-config-vars', resource) ??
                unreadable(snapshot, 'review-app-config', resource);
            if (missing)
                results.push(missing);
            else if (!failed)
                results.push({
                    resource,
                    status: 'pass',
                    title: `no forbidden config var in the stages of pipeline ${pipeline.name}`,
                    detail: '',
                });
        }
        return results;
    },
};
const review1 = {
    id: 'HEROKU-REVIEW-1',
    name: 'Review apps wait for CI',
    severity: 'medium',
    needs: 'inventory',
    rationale: 'A pipeline that creates review apps for every pull request without waiting for CI deploys untested code from any contributor, with the review stage’s config vars, onto your Heroku account.',
    remediation: 'Make review apps wait for CI: `heroku reviewapps:enable --pipeline <pipeline> --wait-for-ci` (Dashboard: pipeline <pipeline> > Settings > Review Apps > Wait for CI to pass), or turn automatic review apps off.',
    frameworks: ['SOC 2 CC8.1', 'ISO/IEC 27001:2022 A.8.32'],
    evaluate({ snapshot }) {
        const configs = new Map(snapshot.reviewAppConfigs.map((c) => [c.pipeline, c]));
        return snapshot.pipelines.map((pipeline) => {
            const resource = `pipeline/${pipeline.name}`;
            const missing = unreadable(snapshot, 'review-app-config', resource);
            if (missing)
                return missing;
            const config = configs.get(pipeline.name);
            if (!config)
                return {
                    resource,
                    status: 'error',
                    title: `could not be evaluated: the review-app config of ${pipeline.name} was not read`,
                    detail: '',
                };
            if (!config.enabled)
                return {
                    resource,
                    status: 'pass',
                    title: `pipeline ${pipeline.name} has no review apps`,
                    detail: '',
                };
            if (config.automatic_review_apps && !config.wait_for_ci)
                return {
                    resource,
                    status: 'fail',
                    title: `pipeline ${pipeline.name} creates review apps without waiting for CI`,
                    detail: `Pipeline ${pipeline.name} creates a review app for every pull request (automatic_review_apps) and does not wait for CI to pass (wait_for_ci is false).`,
                };
            return {
                resource,
                status: 'pass',
                title: config.automatic_review_apps
                    ? `review apps of ${pipeline.name} wait for CI`
                    : `review apps of ${pipeline.name} are created by hand only`,
                detail: '',
            };
        });
    },
};

;// CONCATENATED MODULE: ./src/controls/sso.ts

const RANK = { pass: 0, error: 1, fail: 2 };
const sso1 = {
    id: 'HEROKU-SSO-1',
    name: 'Single sign-on is in place and its certificate is not about to expire',
    severity: 'high',
    needs: 'inventory',
    rationale: 'When the identity provider’s signing certificate expires, nobody can sign in through SSO: teams then switch SSO off in a hurry and fall back to passwords, and access stops following your identity provider (joiners, leavers, MFA).',
    remediation: 'Upload the identity provider’s new signing certificate before the old one expires: Dashboard > the team <team> (or the enterprise account) > Settings > Single Sign-On > Certificates. Where SSO is required, set it up there for the team <team> first.',
    frameworks: ['SOC 2 CC6.1', 'ISO/IEC 27001:2022 A.5.16', 'ISO/IEC 27001:2022 A.8.5'],
    evaluate({ snapshot, policy, now, production }) {
        const results = new Map();
        // One finding per owner: the most serious of what is known about it.
        const put = (result) => {
            const before = results.get(result.resource);
            if (!before || RANK[result.status] > RANK[before.status])
                results.set(result.resource, result);
        };
        const horizon = now.getTime() + policy.certExpiryDays * DAY_MS;
        for (const idp of snapshot.identityProviders) {
            const resource = ownerKey(idp, snapshot);
            const label = `identity provider ${idp.name ?? idp.entity_id ?? idp.id}`;
            const notAfter = idp.certificate?.notAfter;
            if (!notAfter) {
                put({
                    resource,
                    status: 'error',
                    title: `could not be evaluated: the certificate of ${label} is missing or unreadable`,
                    detail: `Heroku returned no certificate that parses as X.509 for ${label} of ${resource}.`,
                });
                continue;
            }
            const day = notAfter.slice(0, 10);
            const expires = Date.parse(notAfter);
            put(expires > horizon
                ? {
                    resource,
                    status: 'pass',
                    title: `SSO certificate of ${resource} valid until ${day}`,
                    detail: '',
                }
                : {
                    resource,
                    status: 'fail',
                    title: `SSO certificate of ${resource} ${expires <= now.getTime() ? 'expired' : 'expires'} on ${day}`,
                    detail: `The signing certificate of ${label} (${idp.certificate?.subject ?? 'no subject'}, sha256 ${idp.certificate?.fingerprintSha256}) is valid until ${day}; the policy wants at least ${policy.certExpiryDays} days left.`,
                });
        }
        for (const gap of snapshot.gaps.filter((g) => g.resource === 'identity-providers'))
            put(unreadable(snapshot, gap.resource, gap.scope));
        if (policy.requireSso) {
            const owners = new Set(snapshot.apps.filter((a) => production.has(a.name)).map((a) => a.team?.name));
            for (const team of snapshot.teams.filter((t) => t.visible && owners.has(t.name))) {
                const resource = `team/${team.name}`;
                put(team.identity_provider
                    ? { resource, status: 'pass', title: `team ${team.name} signs in through SSO`, detail: '' }
                    : {
                        resource,
                        status: 'fail',
                        title: `team ${team.name} owns production apps and has no identity provider`,
                        detail: `The policy requires SSO (requireSso), and team ${team.name}, which owns production apps, has no identity provider.`,
                    });
            }
        }
        return [...results.values()];
    },
};
/** `team/<name>` or `enterprise/<name>`: the owner of the identity provider. */
function ownerKey(idp, snapshot) {
    if (idp.owner.type === 'team') {
        const name = idp.owner.name ?? snapshot.teams.find((t) => t.id === idp.owner.id)?.name ?? idp.owner.id;
        return `team/${name}`;
    }
    return `enterprise/${idp.owner.name ?? snapshot.enterpriseAccount?.name ?? idp.owner.id}`;
}

;// CONCATENATED MODULE: ./src/controls/tls.ts

/** Does a certificate name (possibly `*.example.com`) cover this hostname? */
function certCovers(certName, hostname) {
    const name = certName.toLowerCase();
    const host = hostname.toLowerCase();
    if (name === host)
        return true;
    if (!name.startsWith('*.'))
        return false;
    const rest = host.slice(host.indexOf('.') + 1);
    return host.includes('.') && rest === name.slice(2);
}
const tls1 = {
    id: 'HEROKU-TLS-1',
    name: 'Custom domains of production apps have a TLS certificate',
    severity: 'high',
    needs: 'inventory',
    rationale: 'A production hostname without a certificate serves traffic in clear text or fails in browsers; customer data and session cookies can be read or altered in transit.',
    remediation: 'Enable Automated Certificate Management for <domain> with `heroku certs:auto:enable --app <app>`, or upload a certificate that names <domain> with `heroku certs:add cert.pem key.pem --app <app>` (Dashboard: app > Settings > SSL Certificates).',
    frameworks: ['SOC 2 CC6.7', 'ISO/IEC 27001:2022 A.8.24', 'ISO/IEC 27001:2022 A.8.20'],
    evaluate(context) {
        const { snapshot, production } = context;
        const results = [];
        const endpointsByApp = new Map();
        for (const e of snapshot.sniEndpoints)
            endpointsByApp.set(e.app.name, [...(endpointsByApp.get(e.app.name) ?? []), e]);
        for (const app of snapshot.apps.filter((a) => production.has(a.name) || context.productionUnknown.has(a.name))) {
            const scope = `app/${app.name}`;
            const missing = unreadable(snapshot, 'domains', scope);
            if (missing) {
                results.push(missing);
                continue;
            }
            for (const domain of snapshot.domains.filter((d) => d.app.name === app.name && d.kind === 'custom')) {
                const resource = `domain/${domain.hostname}`;
                const unknown = productionUnknown(context, app.name, resource);
                if (unknown) {
                    results.push(unknown);
                    continue;
                }
                if (domain.acm_status === 'cert issued') {
                    results.push({
                        resource,
                        status: 'pass',
                        title: `${domain.hostname} has an ACM certificate`,
                        detail: '',
                    });
                    continue;
                }
                const endpoint = (endpointsByApp.get(app.name) ?? []).find((e) => e.ssl_cert.cert_domains.some((name) => certCovers(name, domain.hostname)));
                if (endpoint) {
                    results.push({
                        resource,
                        status: 'pass',
                        title: `${domain.hostname} is covered by SNI endpoint ${endpoint.name}`,
                        detail: '',
                    });
                    continue;
                }
                const sniGap = unreadable(snapshot, 'sni-endpoints', scope, resource);
                if (sniGap) {
                    results.push(sniGap);
                    continue;
                }
                results.push({
                    resource,
                    status: 'fail',
                    title: `${domain.hostname} of production app ${app.name} has no TLS certificate`,
                    detail: `The custom domain ${domain.hostname} of ${app.name} has no ACM certificate` +
                        `${domain.acm_status ? ` (ACM status: ${domain.acm_status}${domain.acm_status_reason ? `, ${domain.acm_status_reason}` : ''})` : ''}` +
                        ' and no SNI endpoint of the app names it.',
                });
            }
        }
        return results;
    },
};
const tls2 = {
    id: 'HEROKU-TLS-2',
    name: 'SNI certificates are valid and not about to expire',
    severity: 'high',
    needs: 'inventory',
    rationale: 'An expired certificate takes the site down for every browser and API client, and invites users to click through warnings.',
    remediation: 'Renew the certificate and update the endpoint: `heroku certs:update cert.pem key.pem --app <app> --name <endpoint>`, or switch the domain to ACM with `heroku certs:auto:enable --app <app>`.',
    frameworks: ['SOC 2 CC6.7', 'ISO/IEC 27001:2022 A.8.24'],
    evaluate({ snapshot, policy, now }) {
        const horizon = now.getTime() + policy.certExpiryDays * DAY_MS;
        return snapshot.sniEndpoints.map((endpoint) => {
            const resource = `sni-endpoint/${endpoint.app.name}/${endpoint.name}`;
            const expires = Date.parse(endpoint.ssl_cert.expires_at);
            const day = endpoint.ssl_cert.expires_at.slice(0, 10);
            if (expires > horizon) {
                return { resource, status: 'pass', title: `certificate valid until ${day}`, detail: '' };
            }
            const expired = expires <= now.getTime();
            return {
                resource,
                status: 'fail',
                title: expired
                    ? `certificate of ${endpoint.app.name}/${endpoint.name} expired on ${day}`
                    : `certificate of ${endpoint.app.name}/${endpoint.name} expires on ${day}`,
                detail: `The certificate of SNI endpoint ${endpoint.name} (app ${endpoint.app.name}, names: ` +
                    `${endpoint.ssl_cert.cert_domains.join(', ')}) ${expired ? 'expired' : 'expires'} on ${day}; ` +
                    `the policy wants at least ${policy.certExpiryDays} days left.`,
            };
        });
    },
};
const tls3 = {
    id: 'HEROKU-TLS-3',
    name: 'Production apps in Private Spaces refuse TLS below 1.2',
    severity: 'medium',
    needs: 'inventory',
    rationale: 'The router of a Private Space app still accepts TLS 1.0 and 1.1 unless strict TLS is enabled: clients can be downgraded to protocol versions with known weaknesses, which PCI DSS and most security baselines forbid.',
    remediation: 'Enable strict TLS on the app: `heroku features:enable spaces-strict-tls --app <app>`, after checking that no client of the app still needs TLS 1.0 or 1.1.',
    frameworks: ['SOC 2 CC6.7', 'ISO/IEC 27001:2022 A.8.24'],
    evaluate(context) {
        const { snapshot, production } = context;
        const results = [];
        const featuresByApp = new Map(snapshot.appFeatures.map((f) => [f.app, f]));
        for (const app of snapshot.apps.filter((a) => (production.has(a.name) || context.productionUnknown.has(a.name)) && a.space)) {
            const resource = `app/${app.name}`;
            const unknown = productionUnknown(context, app.name, resource);
            if (unknown) {
                results.push(unknown);
                continue;
            }
            const missing = unreadable(snapshot, 'app-features', resource);
            if (missing) {
                results.push(missing);
                continue;
            }
            const features = featuresByApp.get(app.name);
            if (!features)
                continue; // a Fir app: its features were not read (spaces-strict-tls is a Cedar feature)
            results.push(features.spacesStrictTls
                ? { resource, status: 'pass', title: `${app.name} refuses TLS below 1.2`, detail: '' }
                : {
                    resource,
                    status: 'fail',
                    title: `production app ${app.name} in space ${features.space} accepts TLS below 1.2`,
                    detail: `The spaces-strict-tls feature of ${app.name} (Private Space ${features.space}) is not enabled, so its router still accepts TLS 1.0 and 1.1.`,
                });
        }
        return results;
    },
};

;// CONCATENATED MODULE: ./src/controls/token.ts

const EXPIRY_WARNING_DAYS = 14;
const token1 = {
    id: 'HEROKU-TOKEN-1',
    name: 'The collector’s token is rotated',
    severity: 'medium',
    needs: 'inventory',
    rationale: 'A long-lived token that reads the whole enterprise is a standing credential; rotating it limits how long a leaked copy is useful. One about to expire stops the evidence.',
    remediation: 'Create a new token as the service account (`heroku authorizations:create --description "Heroku Evidence" --scope identity,read-protected --expires-in 7776000`, 90 days), update the repository secret, then revoke the old one with `heroku authorizations:revoke <id>`.',
    frameworks: ['SOC 2 CC6.1', 'ISO/IEC 27001:2022 A.5.17'],
    evaluate({ snapshot, policy, now }) {
        const auth = snapshot.authorization;
        if (!auth) {
            const gap = unreadable(snapshot, 'authorization', 'account', 'authorization/unknown');
            return [
                gap ?? {
                    resource: 'authorization/unknown',
                    status: 'error',
                    title: 'the token’s authorization could not be found',
                    detail: 'The token in use is not among the account’s OAuth authorizations, so its age is unknown.',
                },
            ];
        }
        const resource = `authorization/${auth.id}`;
        const ageDays = Math.floor((now.getTime() - Date.parse(auth.createdAt)) / DAY_MS);
        const created = auth.createdAt.slice(0, 10);
        if (ageDays > policy.tokenMaxAgeDays) {
            return [
                {
                    resource,
                    status: 'fail',
                    title: `the collector’s token was created on ${created}, more than ${policy.tokenMaxAgeDays} days ago`,
                    detail: `Authorization ${auth.id} (${auth.description ?? 'no description'}) was created on ${created}; the policy allows ${policy.tokenMaxAgeDays} days.`,
                },
            ];
        }
        if (auth.expiresAt && Date.parse(auth.expiresAt) - now.getTime() < EXPIRY_WARNING_DAYS * DAY_MS) {
            return [
                {
                    resource,
                    status: 'fail',
                    title: `the collector’s token expires on ${auth.expiresAt.slice(0, 10)}`,
                    detail: `Authorization ${auth.id} expires on ${auth.expiresAt.slice(0, 10)}, within ${EXPIRY_WARNING_DAYS} days; collection stops then.`,
                },
            ];
        }
        return [{ resource, status: 'pass', title: `token created on ${created}`, detail: '' }];
    },
};

;// CONCATENATED MODULE: ./src/controls/catalog.ts
// Every control, in the order reports list them, and the one function that evaluates them all.














const CONTROLS = [
    tls1,
    tls2,
    access1,
    access2,
    access3,
    access4,
    access5,
    config1,
    addon1,
    addon2,
    app1,
    audit1,
    coverage1,
    token1,
    log1,
    tls3,
    sso1,
    config2,
    review1,
    db1,
    net1,
];
function controlById(id) {
    return CONTROLS.find((control) => control.id === id);
}
/** The controls this snapshot can evaluate: an audit-only run says nothing about the inventory controls. */
function evaluatedControls(snapshot) {
    return CONTROLS.filter((c) => c.needs === 'inventory' ? snapshot.collected.inventory : snapshot.collected.audit);
}
function evaluate(snapshot, policy, now) {
    const context = buildContext(snapshot, policy, now);
    const today = now.toISOString().slice(0, 10);
    const findings = new Map();
    for (const control of evaluatedControls(snapshot)) {
        for (const result of control.evaluate(context)) {
            const finding = {
                control: control.id,
                resource: result.resource,
                status: result.status,
                severity: control.severity,
                title: result.title,
                detail: result.detail,
                frameworks: control.frameworks,
            };
            const waiver = result.status === 'fail'
                ? policy.waivers.find((w) => w.control === control.id && matches(w.resource, result.resource))
                : undefined;
            if (waiver) {
                const expired = waiver.expires < today;
                finding.waiver = { ...waiver, expired };
                if (expired) {
                    finding.detail =
                        `${finding.detail} The waiver granted to ${waiver.owner} (“${waiver.reason}”) expired on ${waiver.expires}.`.trim();
                }
                else {
                    finding.status = 'waived';
                }
            }
            findings.set(`${control.id} ${result.resource}`, finding);
        }
    }
    const order = new Map(CONTROLS.map((c, i) => [c.id, i]));
    return [...findings.values()].sort((a, b) => order.get(a.control) - order.get(b.control) || a.resource.localeCompare(b.resource));
}

;// CONCATENATED MODULE: ./src/controls/scope.ts
// What this run observed, resource by resource: the one place that decides whether a resource with no finding in
// this run is gone (absent from a list read completely that would hold it), unseen (a list that should have been
// read was not), outside the run's scope (a team the `teams` input left out), kept (read in an earlier run and not
// read again by design, such as a complete audit day), or still there but no longer evaluated (the policy, or the
// account, no longer puts it under the control). Only "gone" may close an issue as gone, and only "unseen" makes a
// "not verified" error: nothing is counted as fixed because data went missing.
const NO_PREVIOUS = {
    appTeam: new Map(),
    domainApp: new Map(),
    memberTeams: new Map(),
    authorization: null,
};
/** Whether a list that would hold `scope`'s resources failed to be read whole. */
const TEAM_HIDING = new Set(['teams', 'team', 'team-apps']);
function observer(snapshot, previous = NO_PREVIOUS) {
    const gaps = (resource, scope) => snapshot.gaps.filter((g) => typeof resource === 'string' ? g.resource === resource && (!scope || g.scope === scope) : resource(g));
    const selected = new Set(snapshot.teamsSelected);
    const narrowed = selected.size > 0;
    // Teams of a sharded run whose shard did not arrive: not read by design, like a team outside `teams`.
    const unobserved = new Set(snapshot.unobservedTeams ?? []);
    const apps = new Map(snapshot.apps.map((a) => [a.name, a]));
    const visibleTeams = new Set(snapshot.teams.filter((t) => t.visible).map((t) => t.name));
    const endpointsRead = new Set(snapshot.sniEndpointsReadFor);
    /** The team's lists of apps and members were read: or why not. */
    const team = (name) => {
        if (narrowed && !selected.has(name))
            return { kind: 'outside', why: `team ${name} is outside the teams this run collected` };
        if (unobserved.has(name))
            return { kind: 'outside', why: `team ${name} was not read in this run: its shard did not arrive` };
        const hiding = gaps((g) => TEAM_HIDING.has(g.resource) && (g.scope === `team/${name}` || g.scope === 'account'));
        if (hiding.length > 0 || !visibleTeams.has(name))
            return unseen(hiding, `team ${name} could not be read`);
        return null;
    };
    /** Every team's lists were read (for a resource whose team is not known). */
    const everyTeam = () => {
        if (narrowed)
            return { kind: 'outside', why: 'it is not known to be in the teams this run collected' };
        const hiding = gaps((g) => TEAM_HIDING.has(g.resource));
        return hiding.length > 0 ? unseen(hiding) : null;
    };
    const app = (name) => {
        if (apps.has(name))
            return present(`app ${name} is still in the account`);
        const owner = previous.appTeam.get(name);
        const hidden = owner !== undefined ? team(owner) : everyTeam();
        if (hidden)
            return hidden;
        return gone(owner !== undefined ? `team ${owner}’s app list` : 'every team’s app list');
    };
    /** A resource read per app: gone when its app was read whole, or the app itself is gone. */
    const perApp = (appName, lists, what, has) => {
        if (!apps.has(appName))
            return app(appName);
        const hiding = gaps((g) => lists.includes(g.resource) && g.scope === `app/${appName}`);
        if (hiding.length > 0)
            return unseen(hiding);
        return has() ? present(`it is still in ${what}`) : gone(`${what}`);
    };
    const kinds = {
        app: ([name = '']) => app(name),
        'config-var': ([appName = '', ...name]) => perApp(appName, ['config-var-names'], `the config var names of ${appName}`, () => snapshot.configVarNames.some((c) => c.app === appName && c.names.some((n) => n.name === name.join('/')))),
        domain: ([host = '']) => {
            const now = snapshot.domains.find((d) => d.hostname === host);
            if (now)
                return present(`${host} is still a domain of ${now.app.name}`);
            const appName = previous.domainApp.get(host);
            if (appName !== undefined)
                return perApp(appName, ['domains'], `the domains of ${appName}`, () => false);
            const hiding = gaps('domains');
            if (hiding.length > 0)
                return unseen(hiding);
            return everyTeam() ?? gone('every app’s domains');
        },
        'sni-endpoint': ([appName = '', ...name]) => {
            if (apps.has(appName) && !endpointsRead.has(appName) && !gaps('sni-endpoints', `app/${appName}`).length)
                return {
                    kind: 'unseen',
                    why: `the SNI endpoints of ${appName} were not read in this run (it has no custom domain)`,
                };
            return perApp(appName, ['domains', 'sni-endpoints'], `the SNI endpoints of ${appName}`, () => snapshot.sniEndpoints.some((e) => e.app.name === appName && e.name === name.join('/')));
        },
        'addon-attachment': ([addon = '', appName = '']) => {
            if (snapshot.addonAttachments.some((a) => a.addon.name === addon && (a.app.name ?? a.app.id) === appName))
                return present(`${addon} is still attached to ${appName}`);
            const hiding = gaps((g) => g.resource === 'addon-attachments' || g.resource === 'team-addons');
            if (hiding.length > 0)
                return unseen(hiding);
            return apps.has(appName) ? gone('the account’s add-on attachments') : app(appName);
        },
        member: ([email = '']) => member(email.toLowerCase()),
        // An account-wide list (`account` scope) that could not be read: an error keyed to it, never a resource.
        account: () => {
            const hiding = gaps((g) => g.scope === 'account');
            return hiding.length > 0 ? unseen(hiding) : present('the account-wide lists were read');
        },
        // Pipelines, their stages' config vars, add-ons and spaces are read from account- or team-wide lists.
        pipeline: ([name = '']) => pipeline(name),
        'pipeline-config-var': ([name = '', stage = '', ...variable]) => {
            const found = snapshot.pipelines.find((p) => p.name === name);
            if (!found)
                return pipeline(name);
            const hiding = gaps((g) => g.scope === `pipeline/${name}`);
            if (hiding.length > 0)
                return unseen(hiding);
            const names = snapshot.pipelineConfigVarNames.find((c) => c.pipeline === name && c.stage === stage);
            // The review stage is read only while review apps are on: off, nothing is handed to review apps any more.
            if (!names &&
                stage === 'review' &&
                snapshot.reviewAppConfigs.some((c) => c.pipeline === name && !c.enabled))
                return present(`review apps are off for pipeline ${name}`);
            if (!names)
                return { kind: 'unseen', why: `the ${stage} stage of pipeline ${name} was not read in this run` };
            return names.names.some((n) => n.name === variable.join('/'))
                ? present(`it is still a config var of the ${stage} stage of ${name}`)
                : gone(`the config var names of the ${stage} stage of ${name}`);
        },
        addon: ([name = '']) => {
            if (snapshot.addons.some((a) => a.name === name))
                return present(`add-on ${name} is still in the account`);
            const hiding = gaps('team-addons');
            if (hiding.length > 0)
                return unseen(hiding);
            return everyTeam() ?? gone('every team’s add-ons');
        },
        space: ([name = '']) => {
            if (snapshot.spaces.some((s) => s.name === name))
                return present(`space ${name} is still in the account`);
            const hiding = gaps('spaces');
            if (hiding.length > 0)
                return unseen(hiding);
            return everyTeam() ?? gone('the account’s spaces');
        },
        team: ([name = '']) => {
            if ((narrowed && !selected.has(name)) || unobserved.has(name))
                return team(name);
            // A team's own lists (apps, members, preferences, couplings, identity providers) decide its controls.
            const own = gaps((g) => g.scope === `team/${name}`);
            if (own.length > 0)
                return unseen(own);
            if (visibleTeams.has(name))
                return present(`team ${name} is still in the account`);
            const hiding = gaps((g) => g.resource === 'teams' || (g.resource === 'team' && g.scope === `team/${name}`));
            return hiding.length > 0 ? unseen(hiding) : gone('the list of teams');
        },
        enterprise: () => {
            const hiding = gaps('enterprise-account');
            return hiding.length > 0 ? unseen(hiding) : present('the enterprise account was read');
        },
        authorization: ([id = '']) => {
            if (snapshot.authorization?.id === id)
                return present('the token’s authorization is still there');
            if (snapshot.authorizationIds.includes(id))
                return present(`authorization ${id} still exists, but it is no longer the one this run collects with`);
            // Another token's authorization (another workflow's, or a shard's account) is not in this account's list.
            if (previous.authorization !== id)
                return { kind: 'outside', why: `authorization ${id} is not the one this run collects with` };
            const hiding = gaps('authorization');
            return hiding.length > 0 ? unseen(hiding) : gone('the account’s authorizations');
        },
        'audit-day': ([day = '']) => {
            if (snapshot.auditDays.some((d) => d.day === day))
                return present(`the audit trail of ${day} was read`);
            // A complete day is never fetched again: its result, as observed, stands while it is in the window.
            if (snapshot.auditWindowStart !== null && day >= snapshot.auditWindowStart)
                return { kind: 'kept', why: `the audit trail of ${day} was read completely in an earlier run` };
            return { kind: 'outside', why: `${day} is outside the audit window this run covers` };
        },
    };
    /** A pipeline is listed when an app of a collected team is coupled to it. */
    const pipeline = (name) => {
        if (snapshot.pipelines.some((p) => p.name === name))
            return present(`pipeline ${name} is still in the account`);
        const hiding = gaps((g) => g.resource === 'pipelines' || g.resource === 'pipeline-couplings');
        if (hiding.length > 0)
            return unseen(hiding);
        return everyTeam() ?? gone('the pipelines the collected teams’ apps are coupled to');
    };
    const member = (email) => {
        const inTeams = snapshot.teamMembers.some((m) => m.email.toLowerCase() === email);
        const inEnterprise = snapshot.enterpriseMembers.some((m) => m.user.email.toLowerCase() === email);
        if (inTeams || inEnterprise)
            return present(`${email} is still a member`);
        const enterpriseHiding = snapshot.enterpriseName ? gaps('enterprise-members') : [];
        if (enterpriseHiding.length > 0)
            return unseen(enterpriseHiding);
        const teams = previous.memberTeams.get(email);
        if (teams && teams.size > 0) {
            for (const name of [...teams].sort()) {
                const hidden = team(name);
                if (hidden)
                    return hidden;
                const hiding = gaps('team-members', `team/${name}`);
                if (hiding.length > 0)
                    return unseen(hiding);
            }
            return gone(`the members of ${[...teams].sort().join(', ')}${snapshot.enterpriseName ? ' and of the enterprise' : ''}`);
        }
        const hiding = gaps('team-members');
        if (hiding.length > 0)
            return unseen(hiding);
        const hidden = everyTeam();
        if (hidden && !(hidden.kind === 'outside' && snapshot.enterpriseName))
            return hidden;
        return gone(`every team’s members${snapshot.enterpriseName ? ' and the enterprise’s' : ''}`);
    };
    return (resource) => {
        if (!snapshot.collected.inventory && !resource.startsWith('audit-day/'))
            return { kind: 'kept', why: 'this run did not read the inventory' };
        const [kind = '', ...rest] = resource.split('/');
        const rule = kinds[kind];
        if (!rule)
            return { kind: 'unseen', why: `this run cannot tell whether ${resource} is gone` };
        return rule(rest);
    };
}
function gone(list) {
    return { kind: 'gone', witness: `it is absent from ${list}, which this run read completely` };
}
function present(why) {
    return { kind: 'present', why };
}
function unseen(gaps, fallback = 'it could not be read') {
    if (gaps.length === 0)
        return { kind: 'unseen', why: fallback };
    const shown = gaps.slice(0, 3).map((g) => `${g.resource} of ${g.scope}`);
    return {
        kind: 'unseen',
        why: `${shown.join('; ')}${gaps.length > 3 ? ` and ${gaps.length - 3} more` : ''} could not be read`,
    };
}
/**
 * The previous run's findings that have no finding now. Unseen ones become `error` ("not verified"), so that the
 * evidence never drops them; kept ones (read earlier, not read again by design) are carried as they were observed.
 * Gone, outside and no-longer-evaluated ones are left out: the ledger and the issues say what became of them.
 */
function carriedOver(previous, current, evaluated, observe) {
    const seen = new Set(current.map((f) => `${f.control}/${f.resource}`));
    const out = [];
    for (const f of previous) {
        const key = `${f.control}/${f.resource}`;
        if (!evaluated.has(f.control) || seen.has(key))
            continue;
        const absence = observe(f.resource);
        seen.add(key);
        if (absence.kind === 'kept')
            out.push(f);
        else if (absence.kind === 'unseen')
            out.push({
                control: f.control,
                resource: f.resource,
                status: 'error',
                severity: f.severity,
                title: `not verified: ${f.resource} could not be read in this run`,
                detail: `${f.resource} was in the previous run; in this one ${absence.why}.`,
                frameworks: f.frameworks,
            });
    }
    return out;
}

;// CONCATENATED MODULE: ./src/evidence/layout.ts
// The evidence layout, spelled once: every path inside `evidence-path` that the action writes or reads, the
// auditors' command line checks, and the period report gathers. Paths are relative to the evidence folder.
/** The evidence folder inside the evidence repository when `evidence-path` is not given. */
const DEFAULT_EVIDENCE_FOLDER = 'heroku-evidence';
/** When the last inventory ran, which audit days are complete, the last manifest and ledger line hashes. */
const STATE_FILE = 'state.json';
/** The auditors' index of the evidence folder. */
const INDEX_FILE = 'README.md';
const INVENTORY_DIR = 'inventory';
const AUDIT_DIR = 'audit';
const LEDGER_DIR = 'ledger';
const REPORTS_DIR = 'reports';
/** The files of a run folder: its own (manifest, sums, summary, findings) and one data file per kind of record. */
const RUN_FILES = {
    manifest: 'manifest.json',
    sums: 'SHA256SUMS',
    summary: 'SUMMARY.md',
    findings: 'findings.json',
    account: 'account.json',
    enterpriseAccount: 'enterprise-account.json',
    enterpriseMembers: 'enterprise-members.json',
    policy: 'policy.json',
    teams: 'teams.json',
    teamMembers: 'team-members.json',
    teamPreferences: 'team-preferences.json',
    apps: 'apps.json',
    appPermissions: 'app-permissions.json',
    configVarNames: 'config-var-names.json',
    domains: 'domains.json',
    sniEndpoints: 'sni-endpoints.json',
    addons: 'addons.json',
    addonAttachments: 'addon-attachments.json',
    pipelines: 'pipelines.json',
    pipelineCouplings: 'pipeline-couplings.json',
    formations: 'formations.json',
    spaces: 'spaces.json',
    stacks: 'stacks.json',
    authorization: 'authorization.json',
    logDrains: 'log-drains.json',
    appFeatures: 'app-features.json',
    identityProviders: 'identity-providers.json',
    pipelineConfigVarNames: 'pipeline-config-var-names.json',
    reviewAppConfigs: 'review-app-configs.json',
    spaceInboundRules: 'space-inbound-rules.json',
};
/** `inventory/YYYY/MM/DD/HHMMSSZ`: the folder of the run that started at `collectedAt` (an ISO time, UTC). */
function runFolder(collectedAt) {
    const [date, time] = collectedAt.split('T');
    const [y, m, d] = date.split('-');
    return `${INVENTORY_DIR}/${y}/${m}/${d}/${time.slice(0, 8).replace(/:/g, '')}Z`;
}
/** The run folder for `collectedAt`; one that started in the same second as a run in `taken` gets `-2`, `-3`, … */
function uniqueRunFolder(collectedAt, taken) {
    const path = runFolder(collectedAt);
    let candidate = path;
    for (let n = 2; taken.has(candidate); n++)
        candidate = `${path}-${n}`;
    return candidate;
}
/** The run folder a path (relative to the evidence folder) lies in, or null when it is not inside one. */
function runOfPath(path) {
    const match = new RegExp(`^(${INVENTORY_DIR}/\\d{4}/\\d{2}/\\d{2}/\\d{6}Z(?:-\\d+)?)/`).exec(path);
    return match ? match[1] : null;
}
/** Whether `path` lies in the inventory folder, the one every inventory run writes into. */
function isInventoryPath(path) {
    return path.startsWith(`${INVENTORY_DIR}/`);
}
/** The UTC day (YYYY-MM-DD) an audit day file holds, or null when `path` is not one. */
function dayOfAuditFile(path) {
    const match = new RegExp(`^${AUDIT_DIR}/(\\d{4})/(\\d{2})/(\\d{2})\\.json$`).exec(path);
    return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}
/** `audit/YYYY/MM/DD.json`: the audit trail of a UTC day (YYYY-MM-DD). */
function auditDayFile(day) {
    const [y, m, d] = day.split('-');
    return `${AUDIT_DIR}/${y}/${m}/${d}.json`;
}
/** `ledger/YYYY-MM.jsonl`: the ledger file of a month (`YYYY-MM`, or any ISO time in it). */
function ledgerFile(monthOrTime) {
    return `${LEDGER_DIR}/${monthOrTime.slice(0, 7)}.jsonl`;
}
/** The month (`YYYY-MM`) a ledger file covers, or null when `path` is not one. */
function monthOfLedger(path) {
    const match = new RegExp(`^${LEDGER_DIR}/(\\d{4}-\\d{2})\\.jsonl$`).exec(path);
    return match ? match[1] : null;
}
/** `reports/<period>`: the folder of a period report (the period's canonical name). */
function reportFolder(period) {
    return `${REPORTS_DIR}/${period}`;
}
/** Joins the evidence folder (`heroku-evidence`, or `.`/'' for the repository root) and a path inside it. */
function inEvidence(root, path) {
    const base = root.replace(/\/+$/, '');
    return base === '' || base === '.' ? path : `${base}/${path}`;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./src/shared/hash.ts
// The one sha256 of the project (evidence files, manifests, ledger lines, formation commands, reports), and git's
// blob sha (to compare a file with what the repository holds without a request).

function sha256(text) {
    return (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex');
}
/** The sha git gives a file of `bytes` bytes (`git hash-object`), read a piece at a time. */
function gitBlobSha(bytes, pieces) {
    const hash = (0,external_node_crypto_.createHash)('sha1').update(`blob ${bytes}\0`);
    for (const piece of pieces)
        hash.update(piece);
    return hash.digest('hex');
}

;// CONCATENATED MODULE: ./src/shared/file-set.ts
// The files of a run, by path. The data files of a large account run to tens of megabytes each and a hundred in
// all, while the snapshot they come from is still in memory: a file over SPILL_OVER is written to a file of its own
// in a temporary folder as it is made, and read back a piece at a time. A JSON file is written piece by piece, so
// that its whole text never exists at once; its sha256 is taken on the way. Reading it gives the same text, byte
// for byte. (Kept gzip-compressed in memory instead, the inflated pieces were garbage V8 collects late, and the C
// heap they came from grew by a hundred megabytes at 5,000 apps.)





const SPILL_OVER = 64 * 1024;
const PIECE = 1024 * 1024;
const WRITE_AT = 64 * 1024;
let folder;
let hashScratch;
let spilled = 0;
/** The process's temporary folder for large files: the runner's own temp folder, removed when the process exits. */
function spillFile() {
    if (!folder) {
        const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(), 'heroku-evidence-'));
        process.once('exit', () => (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true }));
        folder = dir;
    }
    return (0,external_node_path_.join)(folder, `${++spilled}`);
}
class FileSet {
    bodies = new Map();
    constructor(entries = []) {
        for (const [path, text] of entries)
            this.set(path, text);
    }
    set(path, text) {
        return this.write(path, [text]);
    }
    /** Writes a file from its text in pieces (a generator is read one piece at a time). */
    write(path, pieces) {
        const hash = (0,external_node_crypto_.createHash)('sha256');
        let pending = [];
        let pendingBytes = 0;
        let bytes = 0;
        let file = null;
        let fd;
        const flush = () => {
            if (fd === undefined) {
                file = spillFile();
                fd = (0,external_node_fs_.openSync)(file, 'w');
            }
            (0,external_node_fs_.writeSync)(fd, pending.join(''), null, 'utf8');
            pending = [];
            pendingBytes = 0;
        };
        try {
            for (const piece of pieces) {
                const n = Buffer.byteLength(piece);
                hash.update(piece, 'utf8');
                bytes += n;
                pendingBytes += n;
                pending.push(piece);
                // Written 64 KB at a time once the file is known to be large.
                if (bytes > SPILL_OVER && pendingBytes >= WRITE_AT)
                    flush();
            }
            if (fd !== undefined && pending.length)
                flush();
        }
        finally {
            if (fd !== undefined)
                (0,external_node_fs_.closeSync)(fd);
        }
        this.bodies.set(path, { text: file ? null : pending.join(''), file, bytes, sha256: hash.digest('hex') });
        return this;
    }
    /** Takes `other`'s files under new paths, as they are (nothing is read or copied). */
    adopt(other, path) {
        for (const [name, body] of other.bodies)
            this.bodies.set(path(name), body);
        return this;
    }
    /** The same files under new paths. */
    renamed(path) {
        return new FileSet().adopt(this, path);
    }
    get(path) {
        const body = this.bodies.get(path);
        if (!body)
            return undefined;
        return body.text ?? (0,external_node_fs_.readFileSync)(body.file, 'utf8');
    }
    /**
     * The file's bytes as UTF-8, a piece at a time (about a megabyte each), without making its text. With `scratch`,
     * each piece is a view of it, valid only until the next one is asked for: nothing is left for V8 to collect.
     */
    *chunks(path, scratch) {
        const body = this.bodies.get(path);
        if (!body)
            return;
        if (body.text !== null) {
            yield scratch && body.bytes <= scratch.length
                ? scratch.subarray(0, scratch.write(body.text, 'utf8'))
                : Buffer.from(body.text, 'utf8');
            return;
        }
        const fd = (0,external_node_fs_.openSync)(body.file, 'r');
        try {
            for (;;) {
                const into = scratch ?? Buffer.allocUnsafe(PIECE);
                const n = (0,external_node_fs_.readSync)(fd, into, 0, into.length, null);
                if (n === 0)
                    return;
                yield into.subarray(0, n);
            }
        }
        finally {
            (0,external_node_fs_.closeSync)(fd);
        }
    }
    /** Writes the file to `destination` (copied as it is, for a large one). */
    writeTo(path, destination) {
        const body = this.bodies.get(path);
        if (!body)
            throw new Error(`no file ${path}`);
        if (body.file)
            (0,external_node_fs_.copyFileSync)(body.file, destination);
        else
            (0,external_node_fs_.writeFileSync)(destination, body.text);
    }
    byteLength(path) {
        return this.bodies.get(path)?.bytes;
    }
    sha256(path) {
        return this.bodies.get(path)?.sha256;
    }
    /** The sha git gives the file (`git hash-object`), read one piece at a time. */
    gitSha(path) {
        const body = this.bodies.get(path);
        // One buffer for every file hashed: gitBlobSha reads each piece before it asks for the next, and a megabyte
        // made per file was a hundred megabytes for V8 to collect at 5,000 apps.
        hashScratch ??= Buffer.allocUnsafe(PIECE);
        return body && gitBlobSha(body.bytes, this.chunks(path, hashScratch));
    }
    get size() {
        return this.bodies.size;
    }
    has(path) {
        return this.bodies.has(path);
    }
    keys() {
        return this.bodies.keys();
    }
    /** Each file's text, made when the iteration reaches it. */
    *entries() {
        for (const path of this.bodies.keys())
            yield [path, this.get(path)];
    }
    *values() {
        for (const [, text] of this.entries())
            yield text;
    }
    [Symbol.iterator]() {
        return this.entries();
    }
    forEach(callback) {
        for (const [path, text] of this.entries())
            callback(text, path, this);
    }
}

;// CONCATENATED MODULE: ./src/evidence/drift.ts
// What changed in the account since the previous inventory run, in words an auditor reads. It compares the data
// files of both runs; volatile fields (updated_at, released_at, slug and repo sizes) are never compared.


const arr = (files, name) => {
    const value = files.get(name);
    return Array.isArray(value) ? value : [];
};
const str = (value) => (typeof value === 'string' ? value : '');
const obj = (value) => (value && typeof value === 'object' ? value : {});
function byKey(records, key) {
    return new Map(records.map((r) => [key(r), r]));
}
function drift(previous, current) {
    const changes = [];
    const add = (section, text, what, where) => changes.push({ section, text, brief: { one: what[0], many: what[1], where } });
    // Members, per team.
    const memberKey = (m) => `${str(m.team)}/${str(m.email).toLowerCase()}`;
    const before = byKey(arr(previous, RUN_FILES.teamMembers), memberKey);
    const after = byKey(arr(current, RUN_FILES.teamMembers), memberKey);
    for (const [key, m] of after) {
        const old = before.get(key);
        if (!old)
            add('Members', `${str(m.email)} joined team ${str(m.team)} as ${str(m.role)}`, ['member joined', 'members joined'], { team: str(m.team) });
        else {
            if (old.role !== m.role)
                add('Members', `${str(m.email)} in team ${str(m.team)}: role ${str(old.role)} → ${str(m.role)}`, ['role changed', 'roles changed'], { team: str(m.team) });
            if (old.two_factor_authentication !== m.two_factor_authentication &&
                m.two_factor_authentication !== undefined) {
                add('Members', `${str(m.email)}: two-factor authentication ${m.two_factor_authentication ? 'enabled' : 'disabled'}`, m.two_factor_authentication
                    ? ['member enabled two-factor authentication', 'members enabled two-factor authentication']
                    : ['member disabled two-factor authentication', 'members disabled two-factor authentication'], { team: str(m.team) });
            }
        }
    }
    for (const [key, m] of before)
        if (!after.has(key))
            add('Members', `${str(m.email)} left team ${str(m.team)}`, ['member left', 'members left'], {
                team: str(m.team),
            });
    // Apps.
    const appsBefore = byKey(arr(previous, RUN_FILES.apps), (a) => str(a.name));
    const appsAfter = byKey(arr(current, RUN_FILES.apps), (a) => str(a.name));
    for (const name of appsAfter.keys())
        if (!appsBefore.has(name))
            add('Apps', `app ${name} created`, ['app created', 'apps created'], { app: name });
    for (const name of appsBefore.keys())
        if (!appsAfter.has(name))
            add('Apps', `app ${name} removed`, ['app removed', 'apps removed'], { app: name });
    for (const [name, a] of appsAfter) {
        const old = appsBefore.get(name);
        if (old && str(obj(old.stack).name) !== str(obj(a.stack).name)) {
            add('Apps', `app ${name}: stack ${str(obj(old.stack).name)} → ${str(obj(a.stack).name)}`, ['stack changed', 'stacks changed'], { app: name });
        }
    }
    // Domains and their TLS.
    const tls = (files) => {
        const certs = arr(files, RUN_FILES.sniEndpoints);
        return (d) => d.acm_status === 'cert issued' ||
            certs.some((e) => str(obj(e.app).name) === str(obj(d.app).name) &&
                (obj(e.ssl_cert).cert_domains ?? []).some((n) => certCovers(n, str(d.hostname))));
    };
    const tlsBefore = tls(previous);
    const tlsAfter = tls(current);
    const custom = (files) => byKey(arr(files, RUN_FILES.domains).filter((d) => d.kind === 'custom'), (d) => `${str(obj(d.app).name)}/${str(d.hostname)}`);
    const domainsBefore = custom(previous);
    const domainsAfter = custom(current);
    for (const [key, d] of domainsAfter) {
        const old = domainsBefore.get(key);
        if (!old)
            add('Domains', `domain ${str(d.hostname)} added to ${str(obj(d.app).name)}`, ['custom domain added', 'custom domains added'], { app: str(obj(d.app).name) });
        else if (tlsBefore(old) !== tlsAfter(d)) {
            const verb = tlsAfter(d) ? 'gained' : 'lost';
            add('Domains', `domain ${str(d.hostname)} ${verb} its TLS certificate`, [`domain ${verb} its TLS certificate`, `domains ${verb} their TLS certificates`], { app: str(obj(d.app).name) });
        }
    }
    for (const [key, d] of domainsBefore) {
        if (!domainsAfter.has(key))
            add('Domains', `domain ${str(d.hostname)} removed from ${str(obj(d.app).name)}`, ['custom domain removed', 'custom domains removed'], { app: str(obj(d.app).name) });
    }
    // Certificates.
    const certKey = (e) => `${str(obj(e.app).name)}/${str(e.name)}`;
    const certsBefore = byKey(arr(previous, RUN_FILES.sniEndpoints), certKey);
    const certsAfter = byKey(arr(current, RUN_FILES.sniEndpoints), certKey);
    for (const [key, e] of certsAfter) {
        const old = certsBefore.get(key);
        const expires = str(obj(e.ssl_cert).expires_at).slice(0, 10);
        if (!old)
            add('Certificates', `SNI endpoint ${key} added (expires ${expires})`, ['SNI endpoint added', 'SNI endpoints added'], { app: str(obj(e.app).name) });
        else if (str(obj(old.ssl_cert).expires_at) !== str(obj(e.ssl_cert).expires_at)) {
            add('Certificates', `certificate of ${key} renewed: now expires ${expires}`, ['certificate renewed', 'certificates renewed'], { app: str(obj(e.app).name) });
        }
    }
    for (const [key, e] of certsBefore)
        if (!certsAfter.has(key))
            add('Certificates', `SNI endpoint ${key} removed`, ['SNI endpoint removed', 'SNI endpoints removed'], {
                app: str(obj(e.app).name),
            });
    // Add-on attachments.
    const attachKey = (a) => `${str(obj(a.addon).name)} → ${str(obj(a.app).name)}`;
    const attachBefore = byKey(arr(previous, RUN_FILES.addonAttachments), attachKey);
    const attachAfter = byKey(arr(current, RUN_FILES.addonAttachments), attachKey);
    for (const [key, a] of attachAfter)
        if (!attachBefore.has(key))
            add('Add-ons', `attached ${key}`, ['add-on attached', 'add-ons attached'], {
                app: str(obj(a.app).name),
            });
    for (const [key, a] of attachBefore)
        if (!attachAfter.has(key))
            add('Add-ons', `detached ${key}`, ['add-on detached', 'add-ons detached'], {
                app: str(obj(a.app).name),
            });
    // Config var names (names only: values are never collected).
    const names = (files) => new Map(arr(files, RUN_FILES.configVarNames).map((c) => [
        str(c.app),
        new Set((c.names ?? []).map((n) => str(n.name))),
    ]));
    const namesBefore = names(previous);
    const namesAfter = names(current);
    for (const [app, set] of namesAfter) {
        const old = namesBefore.get(app);
        if (!old)
            continue;
        for (const name of set)
            if (!old.has(name))
                add('Config vars', `${app}: ${name} added`, ['config var name added', 'config var names added'], {
                    app,
                });
        for (const name of old)
            if (!set.has(name))
                add('Config vars', `${app}: ${name} removed`, ['config var name removed', 'config var names removed'], { app });
    }
    return changes;
}

;// CONCATENATED MODULE: ./src/evidence/json.ts
/**
 * JSON.stringify's replacer: each object is written with its keys sorted. It copies one object at a time, as the
 * writer reaches it, never the whole value at once: a data file of a large account is tens of megabytes.
 */
function sortedKeys(_key, value) {
    if (!value || typeof value !== 'object' || Array.isArray(value))
        return value;
    const out = {};
    for (const key of Object.keys(value).sort())
        out[key] = value[key];
    return out;
}
/** Deterministic JSON: sorted keys, 2-space indent, trailing newline. */
function toJson(value) {
    return `${JSON.stringify(value, sortedKeys, 2)}\n`;
}
/**
 * toJson's text in pieces, one array element at a time: joined, exactly toJson(value). JSON.stringify escapes every
 * line break inside a string, so indenting an element's lines by two spaces is indenting it one level.
 */
function* jsonPieces(value) {
    if (!Array.isArray(value) || value.length === 0) {
        yield toJson(value);
        return;
    }
    yield '[\n';
    for (let i = 0; i < value.length; i++) {
        // As JSON.stringify writes an array element it cannot write (undefined, a function): null.
        const text = JSON.stringify(value[i], sortedKeys, 2) ?? 'null';
        yield `  ${text.replaceAll('\n', '\n  ')}${i < value.length - 1 ? ',' : ''}\n`;
    }
    yield ']\n';
}
// localeCompare(b, 'en') is this collator's compare (ECMA-402), without making a collator at each call.
const english = new Intl.Collator('en');
/**
 * Sorts a copy of `items` by the string keys `key` returns, in order. Each item's keys are made once, not at each
 * comparison: a large account's files have tens of thousands of records.
 */
function sortBy(items, key) {
    const keyed = items.map((item) => ({ item, keys: key(item) }));
    keyed.sort((a, b) => {
        for (let i = 0; i < a.keys.length; i++) {
            const c = english.compare(a.keys[i] ?? '', b.keys[i] ?? '');
            if (c !== 0)
                return c;
        }
        return 0;
    });
    return keyed.map((k) => k.item);
}

;// CONCATENATED MODULE: ./src/evidence/files.ts


const DATA_FILES = [
    { name: RUN_FILES.account, records: (s) => s.account },
    { name: RUN_FILES.enterpriseAccount, records: (s) => s.enterpriseAccount },
    {
        name: RUN_FILES.enterpriseMembers,
        records: (s) => sortBy(s.enterpriseMembers, (m) => [m.user.email, m.id]),
    },
    { name: RUN_FILES.teams, records: (s) => sortBy(s.teams, (t) => [t.name]) },
    {
        name: RUN_FILES.teamMembers,
        records: (s) => sortBy(s.teamMembers, (m) => [m.team, m.email.toLowerCase(), m.id]),
    },
    { name: RUN_FILES.teamPreferences, records: (s) => sortBy(s.teamPreferences, (p) => [p.team]) },
    { name: RUN_FILES.apps, records: (s) => sortBy(s.apps, (a) => [a.name]) },
    {
        name: RUN_FILES.appPermissions,
        records: (s) => sortBy(s.appPermissions, (p) => [p.app]).map((p) => ({
            ...p,
            users: sortBy(p.users, (u) => [u.email]),
        })),
    },
    {
        name: RUN_FILES.configVarNames,
        records: (s) => sortBy(s.configVarNames, (c) => [c.app]).map((c) => ({
            ...c,
            names: sortBy(c.names, (n) => [n.name]),
        })),
    },
    { name: RUN_FILES.domains, records: (s) => sortBy(s.domains, (d) => [d.app.name, d.hostname]) },
    { name: RUN_FILES.sniEndpoints, records: (s) => sortBy(s.sniEndpoints, (e) => [e.app.name, e.name]) },
    { name: RUN_FILES.addons, records: (s) => sortBy(s.addons, (a) => [a.name]) },
    {
        name: RUN_FILES.addonAttachments,
        records: (s) => sortBy(s.addonAttachments, (a) => [a.addon.name, a.app.name ?? a.app.id, a.name]),
    },
    { name: RUN_FILES.pipelines, records: (s) => sortBy(s.pipelines, (p) => [p.name, p.id]) },
    {
        name: RUN_FILES.pipelineCouplings,
        records: (s) => {
            const names = new Map(s.apps.map((a) => [a.id, a.name]));
            return sortBy(s.pipelineCouplings.map((c) => ({
                ...c,
                app: { ...c.app, name: c.app.name ?? names.get(c.app.id) },
            })), (c) => [c.app.name ?? c.app.id]);
        },
    },
    { name: RUN_FILES.formations, records: (s) => sortBy(s.formations, (f) => [f.app.name, f.type]) },
    { name: RUN_FILES.spaces, records: (s) => sortBy(s.spaces, (x) => [x.name]) },
    { name: RUN_FILES.stacks, records: (s) => sortBy(s.stacks, (x) => [x.name]) },
    { name: RUN_FILES.authorization, records: (s) => s.authorization },
    // Read for the controls from HEROKU-LOG-1 on, only where they need them (src/heroku/hardening.ts).
    {
        name: RUN_FILES.logDrains,
        records: (s) => sortBy(s.logDrains, (d) => [d.app]).map((d) => ({
            ...d,
            drains: sortBy(d.drains, (x) => [x.url ?? '', x.id]),
            telemetryDrains: sortBy(d.telemetryDrains, (x) => [x.owner.type, x.id]),
        })),
    },
    { name: RUN_FILES.appFeatures, records: (s) => sortBy(s.appFeatures, (f) => [f.app]) },
    {
        name: RUN_FILES.identityProviders,
        records: (s) => sortBy(s.identityProviders, (p) => [p.owner.type, p.owner.name ?? p.owner.id, p.id]),
    },
    {
        name: RUN_FILES.pipelineConfigVarNames,
        records: (s) => sortBy(s.pipelineConfigVarNames, (c) => [c.pipeline, c.stage]).map((c) => ({
            ...c,
            names: sortBy(c.names, (n) => [n.name]),
        })),
    },
    { name: RUN_FILES.reviewAppConfigs, records: (s) => sortBy(s.reviewAppConfigs, (c) => [c.pipeline]) },
    { name: RUN_FILES.spaceInboundRules, records: (s) => sortBy(s.spaceInboundRules, (x) => [x.space]) },
];
function recordCount(records) {
    if (Array.isArray(records))
        return records.length;
    return records === null || records === undefined ? 0 : 1;
}

;// CONCATENATED MODULE: ./src/evidence/ledger.ts
// The ledger: one compact line per inventory run, appended to `ledger/YYYY-MM.jsonl` in the run's own commit. A
// period report reads a few monthly files instead of every run folder. Each line names its run's manifest by hash
// and the previous line by hash, so the ledger is a hash chain of its own that `verify` checks against the runs.



const ledger_status = schemas/* enum */.k5n(['fail', 'waived', 'error']);
const key = schemas/* object */.Ikc({ control: schemas/* string */.YjP(), resource: schemas/* string */.YjP() });
const ledgerLine = schemas/* object */.Ikc({
    schema: schemas/* literal */.euz('heroku-evidence/ledger@1'),
    path: schemas/* string */.YjP(),
    collectedAt: schemas/* string */.YjP(),
    complete: schemas/* boolean */.zMY(),
    manifestSha256: schemas/* string */.YjP(),
    /** sha256 of the run's policy.json; absent from lines written before runs recorded their policy. */
    policySha256: schemas/* string */.YjP().optional(),
    previousManifestSha256: schemas/* string */.YjP().nullable(),
    previousLineSha256: schemas/* string */.YjP().nullable(),
    /** Per control evaluated in the run: its findings by status. */
    controls: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* object */.Ikc({ pass: schemas/* number */.aig(), fail: schemas/* number */.aig(), waived: schemas/* number */.aig(), error: schemas/* number */.aig() })),
    /** Every finding that did not pass. */
    exceptions: schemas/* array */.YOg(key.extend({
        status: ledger_status,
        severity: schemas/* string */.YjP(),
        waiver: schemas/* object */.Ikc({ owner: schemas/* string */.YjP(), reason: schemas/* string */.YjP(), expires: schemas/* string */.YjP(), expired: schemas/* boolean */.zMY() })
            .optional(),
    })),
    /**
     * Findings that did not pass in the previous run and now pass, whose resource was observed gone, or that the
     * control no longer evaluates though the resource is still there (`not-evaluated`: the policy, or the account,
     * took it out of the control's population; never counted as fixed).
     */
    resolved: schemas/* array */.YOg(key.extend({ how: schemas/* enum */.k5n(['pass', 'gone', 'not-evaluated']) })),
    members: schemas/* object */.Ikc({
        joined: schemas/* array */.YOg(schemas/* object */.Ikc({ email: schemas/* string */.YjP(), team: schemas/* string */.YjP(), role: schemas/* string */.YjP() })),
        left: schemas/* array */.YOg(schemas/* object */.Ikc({ email: schemas/* string */.YjP(), team: schemas/* string */.YjP(), role: schemas/* string */.YjP() })),
        roleChanges: schemas/* array */.YOg(schemas/* object */.Ikc({ email: schemas/* string */.YjP(), team: schemas/* string */.YjP(), from: schemas/* string */.YjP(), to: schemas/* string */.YjP() })),
    }),
});
/** Who joined, left or changed role between two team-members.json files. */
function memberChanges(before, after) {
    const index = (value) => new Map((Array.isArray(value) ? value : []).map((m) => [
        `${String(m.team)}/${String(m.email).toLowerCase()}`,
        { email: String(m.email), team: String(m.team), role: String(m.role ?? '') },
    ]));
    const old = index(before);
    const now = index(after);
    const joined = [...now].filter(([k]) => !old.has(k)).map(([, m]) => m);
    const left = [...old].filter(([k]) => !now.has(k)).map(([, m]) => m);
    const roleChanges = [...now]
        .filter(([k, m]) => old.has(k) && old.get(k).role !== m.role)
        .map(([k, m]) => ({ email: m.email, team: m.team, from: old.get(k).role, to: m.role }));
    const order = (m) => [m.team, m.email.toLowerCase()];
    return {
        joined: sortBy(joined, order),
        left: sortBy(left, order),
        roleChanges: sortBy(roleChanges, order),
    };
}
/** Per control evaluated in a run: its findings by status (a ledger line's `controls`). */
function controlCounts(findings) {
    const controls = {};
    for (const f of findings) {
        controls[f.control] ??= { pass: 0, fail: 0, waived: 0, error: 0 };
        controls[f.control][f.status]++;
    }
    return Object.fromEntries(Object.entries(controls).sort(([a], [b]) => a.localeCompare(b)));
}
/** Every finding that did not pass, with its waiver (a ledger line's `exceptions`). */
function exceptionsOf(findings) {
    return sortBy(findings
        .filter((f) => f.status !== 'pass')
        .map((f) => ({
        control: f.control,
        resource: f.resource,
        status: f.status,
        severity: f.severity,
        ...(f.waiver
            ? {
                waiver: {
                    owner: f.waiver.owner,
                    reason: f.waiver.reason,
                    expires: f.waiver.expires,
                    expired: f.waiver.expired,
                },
            }
            : {}),
    })), (e) => [e.control, e.resource]);
}
/** The ledger line of one run, as the text appended to its month's file (with its newline). */
function ledgerLineText(input) {
    const now = new Map(input.findings.map((f) => [`${f.control}/${f.resource}`, f]));
    const resolved = [];
    for (const f of input.previousFindings) {
        if (f.status === 'pass')
            continue;
        const current = now.get(`${f.control}/${f.resource}`);
        if (current?.status === 'pass')
            resolved.push({ control: f.control, resource: f.resource, how: 'pass' });
        else if (!current) {
            const absence = input.observe(f.resource);
            if (absence.kind === 'gone')
                resolved.push({ control: f.control, resource: f.resource, how: 'gone' });
            else if (absence.kind === 'present')
                resolved.push({ control: f.control, resource: f.resource, how: 'not-evaluated' });
        }
    }
    const line = {
        schema: 'heroku-evidence/ledger@1',
        path: input.path,
        collectedAt: input.collectedAt,
        complete: input.complete,
        manifestSha256: sha256(input.manifestText),
        policySha256: input.policySha256,
        previousManifestSha256: input.previousManifestSha256,
        previousLineSha256: input.previousLineSha256,
        controls: controlCounts(input.findings),
        exceptions: exceptionsOf(input.findings),
        resolved: sortBy(resolved, (r) => [r.control, r.resource]),
        members: input.members,
    };
    return `${JSON.stringify(line)}\n`;
}
/** The lines of a month's ledger file, each checked against the schema; a bad line names its file and number. */
function parseLedger(text, source) {
    return text
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((raw, i) => {
        let value;
        try {
            value = JSON.parse(raw);
        }
        catch {
            throw new Error(`${source} line ${i + 1} is not JSON.`);
        }
        const parsed = ledgerLine.safeParse(value);
        if (!parsed.success)
            throw new Error(`${source} line ${i + 1} is not a ledger line: ${parsed.error.issues[0]?.message}`);
        return { line: parsed.data, text: `${raw}\n` };
    });
}

;// CONCATENATED MODULE: ./src/evidence/policy-file.ts


/** The bytes of policy.json: the normalised policy, keys sorted, lists in the order the policy file gave them. */
function policyText(policy) {
    return toJson(policy);
}
/** The sha256 of policy.json's bytes: names the policy in the manifest, the ledger and issue comments. */
function policySha256(policy) {
    return sha256(policyText(policy));
}

;// CONCATENATED MODULE: ./src/evidence/state.ts
// state.json: what the evidence repository already holds, so that each run knows what to collect and how to chain.



const counts = schemas/* object */.Ikc({ pass: schemas/* number */.aig(), fail: schemas/* number */.aig(), waived: schemas/* number */.aig(), error: schemas/* number */.aig() });
const timestamp = schemas/* string */.YjP().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date and time');
const stateSchema = schemas/* object */.Ikc({
    schema: schemas/* literal */.euz('heroku-evidence/state@1'),
    lastInventoryAt: timestamp.nullable(),
    lastRunPath: schemas/* string */.YjP().nullable(),
    lastManifestSha256: schemas/* string */.YjP().nullable(),
    /** sha256 of the last ledger line written (history/ledger.ts); absent before the ledger existed. */
    lastLedgerSha256: schemas/* string */.YjP().nullable().optional(),
    /** The last month whose period report `collect: auto` wrote (YYYY-MM). */
    lastMonthlyReport: schemas/* string */.YjP().nullable().optional(),
    /** Every audit day recorded, with whether it is complete and how many events it holds. */
    auditDays: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* object */.Ikc({ complete: schemas/* boolean */.zMY(), events: schemas/* number */.aig() })),
    /** Inventory runs, newest first. */
    runs: schemas/* array */.YOg(schemas/* object */.Ikc({ path: schemas/* string */.YjP(), collectedAt: schemas/* string */.YjP(), complete: schemas/* boolean */.zMY(), findings: counts })),
    /** Results per control in the latest inventory run. */
    controls: schemas/* record */.g1P(schemas/* string */.YjP(), counts),
});
/** Findings counted by status: the shape state.json, the ledger and the summaries share. */
function countFindings(findings) {
    const counts = { pass: 0, fail: 0, waived: 0, error: 0 };
    for (const f of findings)
        counts[f.status]++;
    return counts;
}
function emptyState() {
    return {
        schema: 'heroku-evidence/state@1',
        lastInventoryAt: null,
        lastRunPath: null,
        lastManifestSha256: null,
        auditDays: {},
        runs: [],
        controls: {},
    };
}
/** The text of state.json: written here only, whichever run mode updates it. */
function stateText(state) {
    return toJson(state);
}
function parseState(text, source) {
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        value = undefined;
    }
    const result = stateSchema.safeParse(value);
    if (!result.success) {
        const issue = result.error.issues[0];
        const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
        throw new StateError(`${source} is not a valid Heroku Evidence state file (${value === undefined ? 'not JSON' : `${where}${issue?.message}`}). Fix the value, or delete state.json: the next run then rebuilds it, merging the audit days already committed, and starts with an inventory. The evidence itself is untouched.`);
    }
    return result.data;
}
/** Whether an inventory is due: the last is older than the interval less one hour (runners start late). */
function inventoryDue(state, intervalMs, now) {
    if (!state.lastInventoryAt)
        return true;
    return now.getTime() - Date.parse(state.lastInventoryAt) >= intervalMs - 3_600_000;
}
/** Audit days already complete in the evidence: never fetched again. */
function completeAuditDays(state) {
    return new Set(Object.entries(state.auditDays)
        .filter(([, d]) => d.complete)
        .map(([day]) => day));
}

;// CONCATENATED MODULE: ./src/evidence/previous.ts
// What the evidence repository already holds that a run builds on: state, the last run's data (for the drift) and
// the audit days it is about to merge into.




// The previous run's files a run builds on: the drift, and the findings that this run may not be able to verify.
// (Read before the walk, with its teams: readPreviousInventory.)
const PREVIOUS_FILES = [
    RUN_FILES.findings,
    RUN_FILES.teamMembers,
    RUN_FILES.apps,
    RUN_FILES.domains,
    RUN_FILES.sniEndpoints,
    RUN_FILES.addonAttachments,
    RUN_FILES.configVarNames,
    RUN_FILES.authorization,
];
async function readState(repo, commit, root) {
    const text = await repo.read(`${root}/${STATE_FILE}`, commit);
    return text === null ? emptyState() : parseState(text, `${root}/${STATE_FILE}`);
}
/**
 * What this run reads of each previous data file, as dotted paths: the drift (drift.ts), the observer (assemble.ts's
 * previousIndex) and the ledger's member changes (ledger.ts). A large account's files hold tens of megabytes of
 * records of which these read a few fields; the rest is dropped as each file is read. The findings and the
 * authorization are kept whole: a finding that cannot be verified now is carried over as it was.
 */
const READ_OF = {
    [RUN_FILES.teamMembers]: ['team', 'email', 'role', 'two_factor_authentication'],
    [RUN_FILES.apps]: ['name', 'stack.name', 'team.name'],
    [RUN_FILES.domains]: ['kind', 'hostname', 'acm_status', 'app.name'],
    [RUN_FILES.sniEndpoints]: ['name', 'app.name', 'ssl_cert.cert_domains', 'ssl_cert.expires_at'],
    [RUN_FILES.addonAttachments]: ['addon.name', 'app.name'],
    [RUN_FILES.configVarNames]: ['app', 'names'],
};
const isRecord = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
/** The fields of `record` at `paths`, in the same nesting; a path that is missing stays missing. */
function pick(record, paths) {
    const out = {};
    for (const path of paths) {
        const keys = path.split('.');
        let from = record;
        for (const key of keys)
            from = isRecord(from) ? from[key] : undefined;
        if (from === undefined)
            continue;
        let into = out;
        for (const key of keys.slice(0, -1)) {
            if (!isRecord(into[key]))
                into[key] = {};
            into = into[key];
        }
        into[keys.at(-1)] = from;
    }
    return out;
}
/**
 * A previous run's data file as this run keeps it: the fields it reads, with equal strings (control ids, statuses,
 * config var names, emails) and equal lists of strings (a control's frameworks) shared, not one copy per record.
 * The records parsed are changed in place: they are this run's own, read for it.
 */
function keptOfPrevious(name, value) {
    const paths = READ_OF[name];
    const records = Array.isArray(value) && paths ? value.map((r) => (isRecord(r) ? pick(r, paths) : r)) : value;
    return new SharedStrings().shareIn(records);
}
/** A JSON file of the evidence folder at `commit`, parsed; undefined when it does not exist. */
async function readJson(repo, commit, path) {
    const text = await repo.read(path, commit);
    if (text === null)
        return undefined;
    try {
        return JSON.parse(text);
    }
    catch {
        throw new StateError(`${path} in the evidence repository is not valid JSON; fix it before the next run.`);
    }
}
/** A previous run's data file as this run keeps it (keptOfPrevious), or undefined when it does not exist. */
async function readKept(repo, commit, root, run, name) {
    const value = await readJson(repo, commit, `${root}/${run}/${name}`);
    return value === undefined ? undefined : keptOfPrevious(name, value);
}
/**
 * The last inventory's teams and SNI endpoints, for the walk, and with `runFiles` every file the run builds on
 * (PREVIOUS_FILES), as it keeps them. Read before the collection, the large ones cost their parse while the
 * heap is nearly empty, instead of on top of the snapshot at the commit; kept, they are a fraction of their size.
 */
async function readPreviousInventory(repo, commit, root, state, runFiles = false) {
    const files = new Map();
    const run = state.lastRunPath;
    if (!run)
        return { teams: [], endpointApps: [], files };
    const teams = await readJson(repo, commit, `${root}/${run}/${RUN_FILES.teams}`);
    // One file at a time: a large account's are tens of megabytes each, held as bytes, text and records while read.
    for (const name of runFiles ? PREVIOUS_FILES : [RUN_FILES.sniEndpoints]) {
        // A file that is not there is recorded as such: the commit step does not ask for it again.
        files.set(name, await readKept(repo, commit, root, run, name));
    }
    const list = (value) => (Array.isArray(value) ? value : []);
    const names = (values) => [...new Set(values.filter((n) => typeof n === 'string'))];
    return {
        teams: names(list(teams).map((t) => t.name)),
        endpointApps: names(list(files.get(RUN_FILES.sniEndpoints)).map((e) => e.app?.name)),
        files,
    };
}
async function readPrevious(repo, commit, root, auditDays, known, ledgerFile) {
    const state = known?.state ?? (await readState(repo, commit, root));
    const previousRunFiles = new Map();
    const lastRun = state.lastRunPath;
    const read = (path) => readJson(repo, commit, `${root}/${path}`);
    const existingAuditDays = new Map();
    let ledgerText = '';
    await Promise.all([
        ledgerFile
            ? repo.read(`${root}/${ledgerFile}`, commit).then((text) => {
                ledgerText = text ?? '';
            })
            : undefined,
        lastRun ? repo.learnFolder(`${root}/${lastRun}`, commit) : undefined,
        // One file at a time, as readPreviousInventory reads them; those it read at this commit are not read again.
        (async () => {
            for (const name of lastRun ? PREVIOUS_FILES : []) {
                const value = known?.files.has(name)
                    ? known.files.get(name)
                    : await readKept(repo, commit, root, lastRun, name);
                if (value !== undefined)
                    previousRunFiles.set(name, value);
            }
        })(),
        // Without a state.json (deleted, or never written) the audit days already committed are still merged.
        ...auditDays
            .filter((day) => state.auditDays[day] || !state.lastRunPath)
            .map(async (day) => {
            const value = (await read(auditDayFile(day)));
            if (value)
                existingAuditDays.set(day, value);
        }),
    ]);
    return { state, previousRunFiles, existingAuditDays, ledgerText };
}

;// CONCATENATED MODULE: ./src/evidence/summary.ts
// The two pages people read: SUMMARY.md of a run, and the evidence folder's README.md for auditors.



/** A control's status in a line, from its findings' counts: the same words in SUMMARY.md and the index. */
function statusWord(n) {
    if (!n || n.pass + n.fail + n.waived + n.error === 0)
        return 'not evaluated';
    return n.fail ? '❌ failing' : n.error ? '⚠️ errors' : '✅ passing';
}
function controlTable(findings) {
    const rows = CONTROLS.map((control) => {
        const n = countFindings(findings.filter((f) => f.control === control.id));
        const status = statusWord(n);
        return [
            control.id,
            control.name,
            status,
            String(n.pass),
            String(n.fail),
            String(n.waived),
            String(n.error),
        ];
    });
    return table(['control', 'what it checks', 'status', 'passed', 'failed', 'waived', 'errors'], rows);
}
/** A table shown as it is when short, folded under a one-line summary when long (a first run's 30 audit days). */
function folded(summary, body, rows, fold = FOLD_ROWS) {
    return rows > fold ? `<details><summary>${summary}</summary>\n\n${body}\n\n</details>` : body;
}
const FOLD_ROWS = 10;
function renderSummary(input) {
    const { snapshot, findings, changes } = input;
    const lines = [];
    const who = snapshot.enterpriseAccount?.name ?? snapshot.enterpriseName;
    lines.push(`# Heroku evidence${who ? ` for ${md(who)}` : ''}, ${snapshot.collectedAt}`, '');
    // What a reader came for first: which controls fail, and whether anything could not be read.
    if (findings.length) {
        lines.push('## Controls', '', controlTable(findings), '');
        const failing = findings.filter((f) => f.status === 'fail' || f.status === 'error');
        if (failing.length) {
            lines.push('### Failing and unevaluated', '', folded(`${failing.length} findings`, table(['control', 'resource', 'status', 'what'], failing.map((f) => [f.control, f.resource, f.status, f.title])), failing.length, 30), '');
        }
        const waived = findings.filter((f) => f.status === 'waived');
        if (waived.length) {
            lines.push('### Waived', '', folded(`${waived.length} waived findings`, table(['control', 'resource', 'owner', 'expires', 'reason'], waived.map((f) => [
                f.control,
                f.resource,
                f.waiver?.owner ?? '',
                f.waiver?.expires ?? '',
                f.waiver?.reason ?? '',
            ])), waived.length), '');
        }
    }
    lines.push('## Gaps', '');
    if (snapshot.gaps.length === 0)
        lines.push('None: everything the collector looked for could be read.', '');
    else {
        lines.push('This evidence is **incomplete**: the token could not read the following. Each line says how to fix it.', '', folded(`${snapshot.gaps.length} gaps`, table(['resource', 'scope', 'reason and fix'], snapshot.gaps.map((g) => [g.resource, g.scope, g.reason])), snapshot.gaps.length, 30), '');
    }
    if (!snapshot.enterpriseName) {
        lines.push('No `enterprise-account` input was given: enterprise members and the audit trail were skipped.', '');
    }
    if (snapshot.collected.inventory) {
        const members = new Set(snapshot.teamMembers.map((m) => m.email.toLowerCase())).size;
        lines.push('## Collected', '', table(['what', 'count'], [
            [
                'teams visible / not visible',
                `${snapshot.teams.filter((t) => t.visible).length} / ${snapshot.teams.filter((t) => !t.visible).length}`,
            ],
            ['enterprise members', String(snapshot.enterpriseMembers.length)],
            ['team members (people)', String(members)],
            ['apps', String(snapshot.apps.length)],
            ['custom domains', String(snapshot.domains.filter((d) => d.kind === 'custom').length)],
            ['SNI endpoints', String(snapshot.sniEndpoints.length)],
            ['add-ons / attachments', `${snapshot.addons.length} / ${snapshot.addonAttachments.length}`],
            ['pipelines', String(snapshot.pipelines.length)],
            ['requests to Heroku', String(snapshot.requests)],
        ]), '');
    }
    if (input.auditDays.length) {
        const events = input.auditDays.reduce((n, d) => n + d.events.length, 0);
        lines.push('## Audit trail', '', folded(`${input.auditDays.length} days, ${events} events`, table(['day', 'events', 'complete'], input.auditDays.map((d) => [
            d.day,
            String(d.events.length),
            d.complete ? 'yes' : 'not yet (the day is not over)',
        ])), input.auditDays.length, 7), '');
    }
    if (snapshot.collected.inventory) {
        lines.push('## Changes since the previous run', '');
        if (!input.previousRunPath)
            lines.push('This is the first inventory run: nothing to compare with.', '');
        else if (changes.length === 0)
            lines.push(`No changes since \`${input.previousRunPath}\`.`, '');
        else {
            lines.push(`Compared with \`${input.previousRunPath}\`:`, '');
            const list = [];
            for (const section of [...new Set(changes.map((c) => c.section))]) {
                list.push(`**${section}**`, '');
                for (const c of changes.filter((x) => x.section === section))
                    list.push(`- ${md(c.text)}`);
                list.push('');
            }
            lines.push(folded(`${changes.length} changes`, list.join('\n').trimEnd(), changes.length, 20), '');
        }
    }
    return `${lines.join('\n').trimEnd()}\n`;
}
function renderReadme(state, snapshot, tool) {
    const who = snapshot.enterpriseAccount?.name ?? snapshot.enterpriseName;
    const latest = state.runs[0];
    const lines = [
        `# Heroku evidence${who ? ` for ${md(who)}` : ''}`,
        '',
        'Collected by the Heroku Evidence action, read-only, through the Heroku Platform API. Every run is one commit; git history is the record.',
        '',
        '## Latest inventory',
        '',
    ];
    if (!latest)
        lines.push('No inventory run yet.', '');
    else {
        lines.push(`[\`${latest.path}\`](${latest.path}/SUMMARY.md), collected ${latest.collectedAt}: ${latest.complete ? 'complete' : '**incomplete** (see its gaps)'}; ${latest.findings.fail} failing, ${latest.findings.waived} waived, ${latest.findings.error} errors, ${latest.findings.pass} passing.`, '');
        const rows = CONTROLS.map((c) => {
            const n = state.controls[c.id];
            const status = statusWord(n);
            return [c.id, c.name, status, String(n?.fail ?? 0), String(n?.waived ?? 0)];
        });
        lines.push(table(['control', 'what it checks', 'status', 'failed', 'waived'], rows), '');
    }
    const shown = state.runs.slice(0, 31);
    if (shown.length) {
        lines.push('## Inventory runs', '', table(['run', 'collected', 'complete', 'failing', 'waived', 'errors'], shown.map((r) => [
            { raw: `[\`${r.path}\`](${r.path}/SUMMARY.md)` },
            r.collectedAt,
            r.complete ? 'yes' : 'no',
            String(r.findings.fail),
            String(r.findings.waived),
            String(r.findings.error),
        ])), '');
        if (state.runs.length > shown.length) {
            const months = [
                ...new Set(state.runs.slice(shown.length).map((r) => r.path.split('/').slice(0, 3).join('/'))),
            ];
            lines.push(`Older runs, by month: ${months.map((m) => `[${m.slice('inventory/'.length)}](${m})`).join(', ')}.`, '');
        }
    }
    const days = Object.entries(state.auditDays);
    if (days.length) {
        const incomplete = days.filter(([, d]) => !d.complete).map(([day]) => day);
        lines.push('## Audit trail', '', `${days.length} days recorded in \`audit/\`, from ${days[0][0]} to ${days.at(-1)[0]}; ${incomplete.length ? `not yet complete: ${incomplete.join(', ')}` : 'all complete'}.`, '');
    }
    lines.push('## What is here', '', '- `inventory/YYYY/MM/DD/HHMMSSZ/`: one folder per inventory run (UTC start time), never modified after its commit: `manifest.json`, `SHA256SUMS`, `SUMMARY.md`, `findings.json` and one JSON file per kind of record.', '- `audit/YYYY/MM/DD.json`: the enterprise audit trail of one UTC day, sorted by time then id; re-runs only add events.', '- `ledger/YYYY-MM.jsonl`: one line per inventory run, appended in the run’s own commit and never rewritten: its manifest’s sha256, the counts per control, every finding that did not pass, what was resolved, who joined, left or changed role; each line names the sha256 of the line before it.', '- `reports/<period>/`: period reports (`REPORT.md`, `report.json`, `exceptions.csv`, `access-review.csv`, `SHA256SUMS`), written by `collect: report` and, for each month that ended, by `collect: auto`.', '- `state.json`: when the last inventory ran, which audit days are complete, and the hashes of the last manifest and ledger line.', '- Config var **names** are recorded, never their values.', '', '## Verifying', '', 'Everything at once, on a clone of this repository, with no token (the command of the version that wrote this file):', '', '```sh', `npx --yes github:heroku-evidence/heroku-evidence#v${tool.version} verify .   # run inside this folder`, '```', '', 'It checks every run against its `SHA256SUMS` and manifest, the manifest and ledger hash chains, and that no run folder or audit event was changed or removed after its commit; it exits 1 on any problem. One run by hand:', '', '```sh', 'cd inventory/YYYY/MM/DD/HHMMSSZ', 'sha256sum -c SHA256SUMS        # every file of the run is as committed', 'sha256sum manifest.json        # equals previousManifestSha256 in the next run’s manifest.json', '```', '', 'Each run’s `manifest.json` carries `previousManifestSha256`, the sha256 of the previous run’s manifest, so the runs form a hash chain; the commits are made through the GitHub API and show as Verified.', '');
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./src/evidence/render.ts
// Turns one run (snapshot, findings, what the repository already holds) into the files of the evidence layout.
// Pure: the same input gives the same bytes, so the repository module only has to write them.













const MANIFEST_SCHEMA = 'heroku-evidence/manifest@1';
function mergeAuditDay(existing, fetched) {
    const byId = new Map();
    for (const event of existing?.events ?? [])
        byId.set(event.id, event);
    // An event already recorded is kept as recorded; new ones are added.
    for (const event of fetched.events)
        if (!byId.has(event.id))
            byId.set(event.id, event);
    return {
        day: fetched.day,
        complete: (existing?.complete ?? false) || fetched.complete,
        events: sortBy([...byId.values()], (e) => [e.created_at, e.id]),
    };
}
function render(input) {
    const { snapshot, findings } = input;
    const files = new FileSet();
    const state = structuredClone(input.state);
    // Written a finding at a time: a large account's findings.json is tens of megabytes of text.
    const findingsFile = new FileSet().write(RUN_FILES.findings, jsonPieces(findings));
    let runPath = null;
    let changes = [];
    // Audit days: merged with what is committed, never losing an event.
    const auditWritten = [];
    for (const day of snapshot.auditDays) {
        const merged = mergeAuditDay(input.existingAuditDays.get(day.day), day);
        files.set(auditDayFile(day.day), toJson(merged));
        state.auditDays[day.day] = { complete: merged.complete, events: merged.events.length };
        auditWritten.push(merged);
    }
    if (snapshot.collected.inventory) {
        runPath = uniqueRunFolder(snapshot.collectedAt, new Set([...input.state.runs.map((r) => r.path), input.state.lastRunPath]));
        const current = new Map();
        const runFiles = new FileSet();
        const entries = [];
        for (const spec of DATA_FILES) {
            const records = spec.records(snapshot) ?? null;
            runFiles.write(spec.name, jsonPieces(records));
            // The drift reads the records as they are (a parsed copy of every file would double the run's memory), and
            // only the files it compares are kept for it.
            if (PREVIOUS_FILES.includes(spec.name))
                current.set(spec.name, records);
            entries.push({ path: spec.name, sha256: runFiles.sha256(spec.name), records: recordCount(records) });
        }
        runFiles.adopt(findingsFile, (name) => name);
        entries.push({
            path: RUN_FILES.findings,
            sha256: runFiles.sha256(RUN_FILES.findings),
            records: findings.length,
        });
        const policy = policyText(input.policy);
        const policyHash = policySha256(input.policy);
        runFiles.set(RUN_FILES.policy, policy);
        entries.push({ path: RUN_FILES.policy, sha256: sha256(policy), records: input.policy.waivers.length });
        changes = input.state.lastRunPath ? drift(input.previousRunFiles, current) : [];
        const summary = renderSummary({
            snapshot,
            findings,
            changes,
            previousRunPath: input.state.lastRunPath,
            auditDays: auditWritten,
        });
        runFiles.set(RUN_FILES.summary, summary);
        entries.push({ path: RUN_FILES.summary, sha256: sha256(summary), records: 0 });
        const manifest = {
            schema: MANIFEST_SCHEMA,
            collectedAt: snapshot.collectedAt,
            completedAt: snapshot.completedAt,
            policySha256: policyHash,
            enterprise: snapshot.enterpriseAccount
                ? { id: snapshot.enterpriseAccount.id, name: snapshot.enterpriseAccount.name }
                : snapshot.enterpriseName,
            tool: input.tool,
            run: input.runUrl,
            previousManifestSha256: input.state.lastManifestSha256,
            complete: snapshot.gaps.length === 0,
            gaps: sortBy(snapshot.gaps, (g) => [g.resource, g.scope]),
            requests: snapshot.requests,
            // Only a merged run has shards: a single run's manifest is unchanged.
            ...(snapshot.shards
                ? { shards: sortBy(snapshot.shards, (s) => [String(s.shard).padStart(4, '0')]) }
                : {}),
            files: sortBy(entries, (e) => [e.path]),
        };
        const manifestText = toJson(manifest);
        runFiles.set(RUN_FILES.manifest, manifestText);
        // coreutils format: `<hash>  <name>`, so `sha256sum -c SHA256SUMS` checks the run with no other tool.
        const sums = [...runFiles.keys()]
            .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
            .map((name) => `${runFiles.sha256(name)}  ${name}\n`)
            .join('');
        runFiles.set(RUN_FILES.sums, sums);
        const folder = runPath;
        files.adopt(runFiles, (name) => `${folder}/${name}`);
        // The run's ledger line, appended in this same commit (history/ledger.ts).
        const previousFindings = (input.previousRunFiles.get(RUN_FILES.findings) ?? []);
        const line = ledgerLineText({
            path: runPath,
            collectedAt: snapshot.collectedAt,
            complete: manifest.complete,
            manifestText,
            policySha256: policyHash,
            previousManifestSha256: input.state.lastManifestSha256,
            previousLineSha256: input.state.lastLedgerSha256 ?? null,
            findings,
            previousFindings,
            observe: input.observe,
            members: input.state.lastRunPath
                ? memberChanges(input.previousRunFiles.get(RUN_FILES.teamMembers), current.get(RUN_FILES.teamMembers))
                : { joined: [], left: [], roleChanges: [] },
        });
        files.set(ledgerFile(snapshot.collectedAt), `${input.ledgerText ?? ''}${line}`);
        state.lastLedgerSha256 = sha256(line);
        const counts = countFindings(findings);
        state.lastInventoryAt = snapshot.collectedAt;
        state.lastRunPath = runPath;
        state.lastManifestSha256 = runFiles.sha256(RUN_FILES.manifest);
        state.runs = [
            { path: runPath, collectedAt: snapshot.collectedAt, complete: manifest.complete, findings: counts },
            ...state.runs.filter((r) => r.path !== runPath),
        ];
        state.controls = Object.fromEntries(CONTROLS.map((c) => [c.id, countFindings(findings.filter((f) => f.control === c.id))]));
    }
    state.auditDays = Object.fromEntries(Object.entries(state.auditDays).sort(([a], [b]) => a.localeCompare(b)));
    files.set(STATE_FILE, stateText(state));
    files.set(INDEX_FILE, renderReadme(state, snapshot, input.tool));
    const summary = runPath !== null
        ? files.get(`${runPath}/${RUN_FILES.summary}`)
        : renderSummary({ snapshot, findings, changes, previousRunPath: null, auditDays: auditWritten });
    return {
        files,
        runPath,
        state,
        changes,
        findingsFile,
        summary,
        message: commitMessage(snapshot, findings, changes, auditWritten),
    };
}
/**
 * The commit message: what was collected and the headline counts, and what changed, counted per app or team. It
 * carries no free text from Heroku beyond app and team names (the names, emails and hostnames are in SUMMARY.md).
 */
function commitMessage(snapshot, findings, changes, audit) {
    const who = snapshot.enterpriseName ?? snapshot.enterpriseAccount?.name ?? null;
    const when = `${snapshot.collectedAt.slice(0, 16).replace('T', ' ')}Z`;
    const parts = [];
    if (snapshot.collected.inventory) {
        const c = countFindings(findings);
        const members = new Set(snapshot.teamMembers.map((m) => m.email.toLowerCase())).size;
        parts.push(`${snapshot.teams.filter((t) => t.visible).length} teams, ${snapshot.apps.length} apps, ${members} members`, `${c.fail} failing, ${c.waived} waived, ${c.error} errors`);
    }
    if (audit.length)
        parts.push(`${audit.length} audit days (${audit.reduce((n, d) => n + d.events.length, 0)} events)`);
    const kind = snapshot.collected.inventory ? 'inventory' : 'audit trail';
    const body = [];
    if (snapshot.gaps.length)
        body.push(`Incomplete: ${snapshot.gaps.length} gap(s), see manifest.json.`);
    if (changes.length) {
        const counted = new Map();
        for (const c of changes) {
            const where = 'app' in c.brief.where
                ? `on ${safeName(c.brief.where.app)}`
                : `in team ${safeName(c.brief.where.team)}`;
            const key = `${c.section}: ${c.brief.one} ${where}`;
            const entry = counted.get(key) ?? { n: 0, change: c };
            entry.n++;
            counted.set(key, entry);
        }
        const lines = [...counted].map(([, { n, change: c }]) => {
            const where = 'app' in c.brief.where
                ? `on ${safeName(c.brief.where.app)}`
                : `in team ${safeName(c.brief.where.team)}`;
            return `- ${c.section}: ${n} ${n === 1 ? c.brief.one : c.brief.many} ${where}`;
        });
        body.push(`Changes since the previous run (${changes.length}, listed in SUMMARY.md):`);
        body.push(...lines.slice(0, 20));
        if (lines.length > 20)
            body.push(`- … and ${lines.length - 20} more in SUMMARY.md`);
    }
    const of = who ? ` of ${safeName(who)}` : '';
    return `Heroku evidence: ${kind}${of} at ${when}${parts.length ? `: ${parts.join('; ')}` : ''}${body.length ? `\n\n${body.join('\n')}` : ''}\n`;
}

;// CONCATENATED MODULE: ./src/evidence/verdict.ts
function sinceLastRun(previous, current, evaluated, gone) {
    const key = (f) => `${f.control}/${f.resource}`;
    const before = new Map(previous.filter((f) => evaluated.has(f.control)).map((f) => [key(f), f.status]));
    const now = new Map(current.map((f) => [key(f), f.status]));
    let fresh = 0;
    for (const f of current)
        if (f.status === 'fail' && before.get(key(f)) !== 'fail')
            fresh++;
    let fixed = 0;
    for (const [k, status] of before) {
        if (status !== 'fail')
            continue;
        const after = now.get(k);
        if (after === 'pass' || (after === undefined && gone(k.slice(k.indexOf('/') + 1))))
            fixed++;
    }
    return { new: fresh, fixed };
}
const count = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
/** The verdict, in one line of Markdown: the first thing the job summary says. */
function verdictLine(input) {
    const failing = input.findings.filter((f) => f.status === 'fail');
    const controls = new Set(failing.map((f) => f.control)).size;
    const errors = input.findings.filter((f) => f.status === 'error').length;
    const icon = failing.length ? '❌' : input.gaps || errors ? '⚠️' : '✅';
    const parts = [
        input.gaps ? `incomplete (${count(input.gaps, 'gap')})` : 'complete',
        failing.length
            ? `${count(failing.length, 'failing finding')} in ${count(controls, 'control')}`
            : 'no failing control',
    ];
    if (errors)
        parts.push(`${count(errors, 'finding')} not evaluated`);
    parts.push(input.since
        ? `${input.since.new} new and ${input.since.fixed} fixed since the last run`
        : 'nothing earlier to compare with');
    return `# ${icon} Heroku evidence (${input.collected}): ${parts.join('; ')}`;
}
function renderJobSummary(input) {
    const links = [
        input.commit
            ? `[evidence commit ${input.commit.sha.slice(0, 7)}](${input.commit.url})`
            : 'dry run: nothing committed',
        input.runFolderUrl ? `[run folder](${input.runFolderUrl})` : '',
        input.summaryUrl ? `[SUMMARY.md](${input.summaryUrl})` : '',
        input.issuesUrl ? `[open issues](${input.issuesUrl})` : '',
    ].filter(Boolean);
    // SUMMARY.md's own title would repeat the verdict's heading: its sections follow as they are.
    const body = input.summary.replace(/^# [^\n]*\n+/, '');
    return [verdictLine(input), '', links.join(' · '), '', body.trimEnd(), '', input.issues.trimEnd(), ''].join('\n');
}

;// CONCATENATED MODULE: ./src/evidence/assemble.ts
// The pure step between evaluation and the commit: this run's snapshot and findings, and what the evidence
// repository already holds, become the run to commit. What the previous run saw and this one could not read is
// added as "not verified" here, so the commit step only writes what it is handed.




function assembleRun(input) {
    const { snapshot, previous } = input;
    const before = (previous.previousRunFiles.get(RUN_FILES.findings) ?? []);
    const observe = observer(snapshot, previousIndex(previous.previousRunFiles));
    const findings = [...input.findings, ...carriedOver(before, input.findings, input.evaluated, observe)];
    const rendered = render({
        snapshot,
        findings,
        observe,
        policy: input.policy,
        state: previous.state,
        previousRunFiles: previous.previousRunFiles,
        existingAuditDays: previous.existingAuditDays,
        ledgerText: previous.ledgerText,
        tool: input.tool,
        runUrl: input.runUrl,
    });
    const since = previous.state.lastRunPath
        ? sinceLastRun(before, findings, input.evaluated, (resource) => observe(resource).kind === 'gone')
        : null;
    return { ...rendered, findings, observe, since };
}
/** What a run builds on when the repository is not read (a dry run): an empty history, or the state as read. */
function nothingBefore(state) {
    return { state, previousRunFiles: new Map(), existingAuditDays: new Map(), ledgerText: '' };
}
const records = (value) => (Array.isArray(value) ? value : []);
const assemble_name = (value) => value && typeof value === 'object' && typeof value.name === 'string'
    ? value.name
    : undefined;
/** Where the previous inventory saw each app, domain and member: the list that would hold one now. */
function previousIndex(files) {
    const appTeam = new Map();
    for (const app of records(files.get(RUN_FILES.apps))) {
        const team = assemble_name(app.team);
        if (typeof app.name === 'string' && team)
            appTeam.set(app.name, team);
    }
    const domainApp = new Map();
    for (const domain of records(files.get(RUN_FILES.domains))) {
        const app = assemble_name(domain.app);
        if (typeof domain.hostname === 'string' && app)
            domainApp.set(domain.hostname, app);
    }
    const memberTeams = new Map();
    for (const member of records(files.get(RUN_FILES.teamMembers))) {
        if (typeof member.email !== 'string' || typeof member.team !== 'string')
            continue;
        const email = member.email.toLowerCase();
        memberTeams.set(email, (memberTeams.get(email) ?? new Set()).add(member.team));
    }
    const authorization = files.get(RUN_FILES.authorization);
    return {
        appTeam,
        domainApp,
        memberTeams,
        authorization: typeof authorization?.id === 'string' ? authorization.id : null,
    };
}

// EXTERNAL MODULE: ./node_modules/octokit/dist-bundle/index.js + 19 modules
var dist_bundle = __webpack_require__(98048);
;// CONCATENATED MODULE: ./src/github.ts
// One place that builds the GitHub client: Octokit with its retry and throttling plugins (the `octokit` package
// includes both), pointed at GITHUB_API_URL like every action, so GitHub Enterprise Server works too.


function createGitHub(options) {
    const onLimit = (kind) => (retryAfter, request, _, retryCount) => {
        options.log(`GitHub ${kind} rate limit on ${request.method} ${request.url}; retrying in ${retryAfter}s.`);
        return retryCount < 3;
    };
    const baseUrl = (options.baseUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/$/, '');
    // The throttle spaces writes a second apart for GitHub's secondary rate limits; a server on loopback (the
    // simulator in tests and the demo) has no such limits.
    const loopback = /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:|\/|$)/.test(baseUrl);
    return new dist_bundle/* Octokit */.Eg({
        auth: options.token,
        baseUrl,
        userAgent: options.userAgent,
        throttle: {
            enabled: !loopback,
            onRateLimit: onLimit('primary'),
            onSecondaryRateLimit: onLimit('secondary'),
        },
        // 409 (an empty repository) is an answer, not a hiccup: never retried.
        retry: {
            doNotRetry: [400, 401, 403, 404, 409, 410, 422, 451],
            ...(options.retryBaseMs === undefined ? {} : { retryAfterBaseValue: options.retryBaseMs }),
        },
        log: { debug: () => { }, info: () => { }, warn: options.log, error: options.log },
    });
}
/** The HTTP status of an Octokit error, if it has one. */
function statusOf(error) {
    return typeof error === 'object' && error !== null && 'status' in error ? Number(error.status) : undefined;
}
const WHAT_IS_PRIVATE = 'The evidence holds member emails, audit-trail IP addresses and config var names, and the issues name members and apps';
/**
 * Refuses a public evidence or issues repository before anything is written, unless `allow-public-repository`
 * says otherwise.
 */
async function refusePublic(github, evidence, inputs) {
    const slug = (r) => `${r.owner}/${r.repo}`;
    const publicOnes = [];
    if (await evidence.isPublic())
        publicOnes.push(`the evidence repository ${slug(inputs.evidenceRepository)}`);
    const sameRepo = slug(inputs.issuesRepository) === slug(inputs.evidenceRepository);
    if (inputs.createIssues && !sameRepo && (await isPublicRepo(github, inputs.issuesRepository)))
        publicOnes.push(`the issues repository ${slug(inputs.issuesRepository)}`);
    if (publicOnes.length === 0)
        return;
    throw new PublicRepositoryError(`${publicOnes.join(' and ')} ${publicOnes.length > 1 ? 'are' : 'is'} public. ${WHAT_IS_PRIVATE}: nothing was collected or written. Use a private repository (evidence-repository, issues-repository), or set \`allow-public-repository: true\` to publish it anyway.`);
}
/** Whether GitHub's description of a repository says everyone can see it. */
function visibleToAll(data) {
    return !data.private || data.visibility === 'public';
}
/** Whether GitHub shows the repository to everyone; undefined when the token cannot tell. */
async function isPublicRepo(github, repo) {
    try {
        const { data } = await github.rest.repos.get({ ...repo });
        return visibleToAll(data);
    }
    catch (error) {
        if (statusOf(error) === 403 || statusOf(error) === 404)
            return undefined;
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/evidence/repository.ts
// Reads and writes the evidence repository through GitHub's git data API: one commit per run, made by the
// token's identity with no custom author or committer, so GitHub signs it and shows it Verified. A branch moved
// by someone else meanwhile is re-read and the run re-applied on top; nothing is ever force-pushed.




const TREE_CHUNK = 100;
/** Files up to this size are sent inline in the tree request; larger ones as blobs. */
const INLINE_LIMIT = 256 * 1024;
/**
 * Inline text per tree request. Octokit makes the whole body at once (the JSON text, then its bytes), several times
 * the text itself: a first run's month of audit days, sent 4 MB at a time, made the peak memory of the run.
 */
const TREE_BYTES = 1024 * 1024;
const BLOB_CONCURRENCY = 4;
/** Large files in flight at once stay under this many bytes (one larger file goes alone). */
const BLOB_BATCH_BYTES = 8 * 1024 * 1024;
/**
 * How much of a file a blob request reads and base64-encodes at a time: a multiple of 3 (no carry between pieces),
 * and small enough that its base64 is an ordinary young object for V8 rather than a large one collected late.
 */
const BLOB_PIECE = 48 * 1024;
const MAX_ATTEMPTS = 5;
const CREATE_BLOB = 'POST /repos/{owner}/{repo}/git/blobs';
class EvidenceRepository {
    github;
    repo;
    options;
    branchName;
    /** `commit:path` → git blob sha of what was read there, to leave unchanged files out of the next commit. */
    blobAt = new Map();
    /** Blob shas known to be in the repository: a file with the same bytes is referenced, not uploaded again. */
    knownBlobs = new Set();
    about;
    constructor(github, repo, options) {
        this.github = github;
        this.repo = repo;
        this.options = options;
    }
    /** Whether GitHub shows this repository to everyone. */
    async isPublic() {
        return visibleToAll(await this.repository());
    }
    repository() {
        this.about ??= this.github.rest.repos.get({ ...this.repo }).then(({ data }) => data, (error) => {
            throw this.explain(error, 'read');
        });
        return this.about;
    }
    get slug() {
        return `${this.repo.owner}/${this.repo.repo}`;
    }
    async head() {
        const branch = await this.branch();
        try {
            const { data } = await this.github.rest.git.getRef({ ...this.repo, ref: `heads/${branch}` });
            return { branch, commit: data.object.sha };
        }
        catch (error) {
            // 404: no such branch; 409: the repository has no commit at all.
            if (statusOf(error) === 404 || statusOf(error) === 409)
                return { branch, commit: null };
            throw this.explain(error, 'read');
        }
    }
    /** A file's text at a commit, or null when it does not exist. */
    async read(path, commit) {
        if (!commit)
            return null;
        try {
            const { data } = await this.github.rest.repos.getContent({
                ...this.repo,
                path,
                ref: commit,
                mediaType: { format: 'raw' },
            });
            // Octokit hands raw content over as text or, depending on the content type, as bytes.
            let text;
            let sha;
            if (typeof data === 'string') {
                text = data;
                sha = gitBlobSha(Buffer.byteLength(text), [text]);
            }
            else if (data instanceof ArrayBuffer) {
                // Hashed as the bytes that came, rather than encoded again from the text.
                const bytes = new Uint8Array(data);
                text = new TextDecoder().decode(bytes);
                sha = gitBlobSha(bytes.byteLength, [bytes]);
            }
            else
                throw new EvidenceRepositoryError(`${path} in ${this.slug} is not a file.`);
            this.blobAt.set(`${commit}:${path}`, sha);
            this.knownBlobs.add(sha);
            return text;
        }
        catch (error) {
            if (statusOf(error) === 404)
                return null;
            throw this.explain(error, 'read');
        }
    }
    /** The commits that changed `path`, newest first, up to `commit`. */
    async commitsTouching(path, commit) {
        try {
            const commits = await this.github.paginate(this.github.rest.repos.listCommits, {
                ...this.repo,
                sha: commit,
                path,
                per_page: 100,
            });
            return commits.map((c) => c.sha);
        }
        catch (error) {
            throw this.explain(error, 'read');
        }
    }
    /** Notes the blobs of a folder at a commit (one request), so that files with the same bytes are not sent again. */
    async learnFolder(path, commit) {
        if (!commit)
            return;
        try {
            const { data } = await this.github.rest.repos.getContent({ ...this.repo, path, ref: commit });
            if (!Array.isArray(data))
                return;
            for (const entry of data) {
                if (entry.type !== 'file')
                    continue;
                this.blobAt.set(`${commit}:${entry.path}`, entry.sha);
                this.knownBlobs.add(entry.sha);
            }
        }
        catch (error) {
            // Only an optimisation: without it the files are sent as they are.
            if (statusOf(error) !== 404)
                throw this.explain(error, 'read');
        }
    }
    /**
     * Builds the files from what the branch holds and commits them on top of it. When the branch moved in between,
     * builds again from the new head, a bounded number of times.
     */
    async commit(build) {
        const sleep = this.options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
        for (let attempt = 1;; attempt++) {
            let head = await this.head();
            if (!head.commit)
                head = await this.initialise(head);
            const { files, message } = await build(head);
            const sha = await this.writeCommit(head, files, message);
            if (sha === null) {
                return {
                    sha: head.commit,
                    branch: head.branch,
                    url: `${this.options.serverUrl}/${this.slug}/commit/${head.commit}`,
                    created: false,
                };
            }
            try {
                await this.github.rest.git.updateRef({
                    ...this.repo,
                    ref: `heads/${head.branch}`,
                    sha,
                    force: false,
                });
                return {
                    sha,
                    branch: head.branch,
                    url: `${this.options.serverUrl}/${this.slug}/commit/${sha}`,
                    created: true,
                };
            }
            catch (error) {
                // 422 "Update is not a fast forward": someone else committed meanwhile. Any other 422 (a protected branch,
                // a required status check) will not change by trying again.
                if (statusOf(error) === 422 && !/fast.?forward/i.test(messageOf(error))) {
                    throw new EvidenceRepositoryError(`GitHub refused to update the branch ${head.branch} of ${this.slug} (422: ${messageOf(error).slice(0, 200)}). A branch protection rule or ruleset probably requires pull requests or status checks: give the action a branch of its own (evidence-branch) or allow the token to push to it. Nothing was written.`);
                }
                if (statusOf(error) !== 422 || attempt >= MAX_ATTEMPTS) {
                    if (statusOf(error) === 422) {
                        throw new EvidenceRepositoryError(`The branch ${head.branch} of ${this.slug} kept moving during ${MAX_ATTEMPTS} attempts to add the evidence commit; nothing was written. Run again, or give the action a branch of its own (evidence-branch).`);
                    }
                    throw this.explain(error, 'write');
                }
                await sleep(250 * attempt + Math.floor(Math.random() * 500));
            }
        }
    }
    async branch() {
        if (this.branchName)
            return this.branchName;
        if (this.options.branch) {
            this.branchName = this.options.branch;
            return this.branchName;
        }
        const data = await this.repository();
        this.branchName = data.default_branch || 'main';
        return this.branchName;
    }
    /**
     * A repository without any commit refuses the git data API, and a missing branch has nothing to build on: the
     * first commit is made through the contents API (also signed by GitHub), the run's commit then goes on top.
     */
    async initialise(head) {
        const empty = await this.isEmpty();
        if (empty) {
            try {
                await this.github.rest.repos.createOrUpdateFileContents({
                    ...this.repo,
                    path: '.heroku-evidence',
                    message: 'Start the Heroku evidence repository',
                    content: Buffer.from('This repository holds Heroku compliance evidence.\n').toString('base64'),
                    branch: head.branch,
                });
            }
            catch (error) {
                throw this.explain(error, 'write');
            }
            return this.head();
        }
        // The repository has commits but not this branch: start it as an orphan so that evidence stands alone.
        const tree = await this.github.rest.git.createTree({
            ...this.repo,
            tree: [
                { path: '.heroku-evidence', mode: '100644', type: 'blob', content: 'Heroku compliance evidence.\n' },
            ],
        });
        const commit = await this.github.rest.git.createCommit({
            ...this.repo,
            message: `Start the evidence branch ${head.branch}`,
            tree: tree.data.sha,
            parents: [],
        });
        try {
            await this.github.rest.git.createRef({
                ...this.repo,
                ref: `refs/heads/${head.branch}`,
                sha: commit.data.sha,
            });
        }
        catch (error) {
            // Another run created it first: build on theirs.
            if (statusOf(error) !== 422)
                throw this.explain(error, 'write');
        }
        return this.head();
    }
    async isEmpty() {
        try {
            await this.github.rest.repos.listCommits({ ...this.repo, per_page: 1 });
            return false;
        }
        catch (error) {
            if (statusOf(error) === 409)
                return true;
            throw this.explain(error, 'read');
        }
    }
    async writeCommit(head, files, message) {
        const parent = head.commit;
        const entries = [];
        try {
            // A file with the bytes it already has at that path is left out (base_tree keeps it); one whose bytes are
            // already in the repository (the previous run's copy) is referenced by its sha. Only the rest is sent.
            const set = files instanceof FileSet ? files : new FileSet(files);
            const toSend = [];
            for (const path of set.keys()) {
                const sha = set.gitSha(path);
                if (this.blobAt.get(`${parent}:${path}`) === sha)
                    continue;
                if (this.knownBlobs.has(sha))
                    entries.push({ path, mode: '100644', type: 'blob', sha });
                else
                    toSend.push(path);
            }
            const size = (path) => set.byteLength(path);
            const large = toSend.filter((path) => size(path) > INLINE_LIMIT);
            // GitHub answers a write to a renamed or transferred repository with a 307 to its new address: blobs go
            // to that address at once, rather than being made twice (fetch makes a Blob's stream again to follow it).
            const home = large.length > 0 ? await this.repository() : undefined;
            const blobRepo = home ? { owner: home.owner.login, repo: home.name } : this.repo;
            for (const batch of batches(large, BLOB_CONCURRENCY, BLOB_BATCH_BYTES, size)) {
                const created = await Promise.all(batch.map((path) => {
                    // Git's create-blob endpoint with a body of our own (Octokit's typed route wants `content` as a string).
                    const body = new BlobBody(set, path);
                    return this.github.request(CREATE_BLOB, {
                        ...blobRepo,
                        data: body,
                        // No Content-Length here: fetch takes it from the Blob's size (two of them would be refused).
                        headers: { 'content-type': 'application/json; charset=utf-8' },
                    });
                }));
                for (const [j, blob] of created.entries()) {
                    entries.push({ path: batch[j], mode: '100644', type: 'blob', sha: blob.data.sha });
                }
            }
            for (const path of toSend) {
                if (size(path) <= INLINE_LIMIT)
                    entries.push({ path, mode: '100644', type: 'blob', inline: true });
            }
            if (entries.length === 0)
                return null;
            const { data: parentCommit } = await this.github.rest.git.getCommit({
                ...this.repo,
                commit_sha: parent,
            });
            let tree = parentCommit.tree.sha;
            for (const chunk of batches(entries, TREE_CHUNK, TREE_BYTES, (e) => (e.inline ? size(e.path) : 0))) {
                const { data } = await this.github.rest.git.createTree({
                    ...this.repo,
                    base_tree: tree,
                    tree: chunk.map(({ inline, ...entry }) => inline ? { ...entry, content: set.get(entry.path) } : entry),
                });
                tree = data.sha;
            }
            // Nothing new (an audit-only run that found no new event): no empty commit.
            if (tree === parentCommit.tree.sha)
                return null;
            // No author or committer: GitHub then signs the commit and shows it Verified.
            const { data: commit } = await this.github.rest.git.createCommit({
                ...this.repo,
                message,
                tree,
                parents: [parent],
            });
            return commit.sha;
        }
        catch (error) {
            throw this.explain(error, 'write');
        }
    }
    explain(error, what) {
        const status = statusOf(error);
        if (status === 401) {
            return new EvidenceRepositoryError(`GitHub rejected the github-token (401) for ${this.slug}. Check the token or secret passed as github-token.`);
        }
        if (status === 403 || status === 404) {
            return new EvidenceRepositoryError(what === 'write'
                ? `The github-token cannot write to ${this.slug} (${status}). Give the workflow \`permissions: contents: write\`; for another repository use a GitHub App token or a fine-grained PAT with Contents: read and write.`
                : `The github-token cannot read ${this.slug} (${status}). Check evidence-repository and that the token can see it.`);
        }
        return error instanceof Error ? error : new Error(String(error));
    }
}
/**
 * The body of a create-blob request, `{"encoding":"base64","content":"…"}`, made while it is sent: the file is read
 * and base64-encoded a piece at a time, so neither its bytes nor their base64 are ever whole in memory (at 5,000
 * apps a data file is 27 MB, its body 36 MB, and fetch copies a body given as bytes). A Blob to fetch, and so:
 * - its size is known before it is made, and it goes with a Content-Length, as a body given whole would;
 * - each `stream()` starts it again from the beginning, so a retry (or a redirect) sends it whole again;
 * - fetch sends the pieces of a Blob's stream as they are, where it copies each piece of an async iterable;
 * - Octokit sends it as it is (it sends a plain object as JSON).
 */
class BlobBody extends Blob {
    set;
    path;
    static head = '{"encoding":"base64","content":"';
    static tail = '"}';
    constructor(set, path) {
        super([]);
        this.set = set;
        this.path = path;
        // What fetch reads as the body's length (Blob's own `size` is that of the empty Blob made above).
        const size = BlobBody.head.length + Math.ceil(set.byteLength(path) / 3) * 4 + BlobBody.tail.length;
        Object.defineProperty(this, 'size', { value: size });
    }
    stream() {
        const pieces = this.pieces();
        return new ReadableStream({
            pull(controller) {
                const next = pieces.next();
                if (next.done)
                    controller.close();
                else
                    controller.enqueue(next.value);
            },
            cancel() {
                pieces.return(undefined);
            },
        });
    }
    // The Blob's other ways of reading it would read the empty Blob behind it: a body made short, never sent.
    arrayBuffer() {
        throw new Error('a blob body is read through stream()');
    }
    text() {
        throw new Error('a blob body is read through stream()');
    }
    bytes() {
        throw new Error('a blob body is read through stream()');
    }
    slice() {
        throw new Error('a blob body is read through stream()');
    }
    *pieces() {
        yield Buffer.from(BlobBody.head, 'latin1');
        // Base64 turns 3 bytes into 4 characters: each piece encodes a multiple of 3 bytes, the rest waits for the next.
        let carry = Buffer.alloc(0);
        for (const chunk of this.set.chunks(this.path, Buffer.allocUnsafe(BLOB_PIECE))) {
            const next = carry.length ? Buffer.concat([carry, chunk]) : chunk;
            const whole = next.length - (next.length % 3);
            const encoded = Buffer.from(next.subarray(0, whole).toString('base64'), 'latin1');
            carry = Buffer.from(next.subarray(whole));
            yield encoded;
        }
        yield Buffer.from(`${carry.toString('base64')}${BlobBody.tail}`, 'latin1');
    }
}
function messageOf(error) {
    const message = typeof error === 'object' && error !== null && 'message' in error ? String(error.message) : String(error);
    return message.replace(/\s+/g, ' ');
}
/** Items in order, in batches of at most `count` items and about `bytes` bytes (one larger item goes alone). */
function batches(items, count, bytes, size) {
    const out = [];
    let current = [];
    let total = 0;
    for (const item of items) {
        const n = size(item);
        if (current.length && (current.length >= count || total + n > bytes)) {
            out.push(current);
            current = [];
            total = 0;
        }
        current.push(item);
        total += n;
    }
    if (current.length)
        out.push(current);
    return out;
}

;// CONCATENATED MODULE: ./src/heroku/audit.ts
// Which days of the enterprise audit trail to fetch, and when a fetched day can be trusted as complete.
/** Heroku can take a while to publish a day's last events: a day counts as complete this long after it ended. */
const COMPLETE_AFTER_MS = 2 * 60 * 60 * 1000;
function utcDay(date) {
    return date.toISOString().slice(0, 10);
}
function addDays(day, days) {
    const date = new Date(`${day}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + days);
    return utcDay(date);
}
/** The first day of the backfill window: today counts as its first day. */
function auditWindowStart(now, backfillDays) {
    return addDays(utcDay(now), -(Math.max(1, backfillDays) - 1));
}
/**
 * Today, and every day of the backfill window (today counts as its first day) not yet recorded as complete.
 * Oldest first.
 */
function auditDaysToFetch(now, backfillDays, completeDays) {
    const today = utcDay(now);
    const days = [];
    for (let back = Math.max(1, backfillDays) - 1; back >= 0; back--) {
        const day = addDays(today, -back);
        if (day === today || !completeDays.has(day))
            days.push(day);
    }
    return days;
}
/** A day fetched at `fetchedAt` holds all its events once the day ended more than the margin before. */
function isDayComplete(day, fetchedAt) {
    const end = new Date(`${addDays(day, 1)}T00:00:00Z`).getTime();
    return fetchedAt.getTime() >= end + COMPLETE_AFTER_MS;
}

;// CONCATENATED MODULE: ./src/snapshot/records.ts
// What the collector reads from the Heroku Platform API, parsed at the boundary.
// Unknown fields are dropped (zod's default), so evidence files hold exactly the fields modelled here.
// Fields Heroku's schema calls required but the real recordings sometimes omit are optional.


const ref = schemas/* object */.Ikc({ id: schemas/* string */.YjP(), name: schemas/* string */.YjP().optional() });
const namedRef = schemas/* object */.Ikc({ id: schemas/* string */.YjP().optional(), name: schemas/* string */.YjP() });
const time = schemas/* string */.YjP().nullable().optional();
// Permissions come as strings (permission entities) or as {name, description} (members, collaborators).
const permissionList = schemas/* array */.YOg(schemas/* union */.KCZ([schemas/* string */.YjP(), schemas/* object */.Ikc({ name: schemas/* string */.YjP() }).transform((p) => p.name)]))
    .transform((names) => [...new Set(names)].sort());
const identityProvider = schemas/* object */.Ikc({ id: schemas/* string */.YjP().optional(), name: schemas/* string */.YjP().nullable().optional() })
    .nullable()
    .optional();
const records_account = schemas/* object */.Ikc({
    id: schemas/* string */.YjP(),
    email: schemas/* string */.YjP(),
    name: schemas/* string */.YjP().nullable().optional(),
    federated: schemas/* boolean */.zMY().optional(),
    two_factor_authentication: schemas/* boolean */.zMY().optional(),
    identity_provider: identityProvider,
    created_at: time,
});
const records_enterpriseAccount = schemas/* object */.Ikc({
    id: schemas/* string */.YjP(),
    name: schemas/* string */.YjP(),
    permissions: permissionList.optional(),
    trial: schemas/* boolean */.zMY().optional(),
    identity_provider: identityProvider,
    created_at: time,
});
const enterpriseMember = schemas/* object */.Ikc({
    id: schemas/* string */.YjP(),
    user: schemas/* object */.Ikc({ id: schemas/* string */.YjP(), email: schemas/* string */.YjP() }),
    permissions: permissionList,
    two_factor_authentication: schemas/* boolean */.zMY().optional(),
    identity_provider: identityProvider,
});
const team = schemas/* object */.Ikc({
    id: schemas/* string */.YjP(),
    name: schemas/* string */.YjP(),
    role: schemas/* string */.YjP().nullable().optional(),
    type: schemas/* string */.YjP().optional(),
    enterprise_account: schemas/* object */.Ikc({ id: schemas/* string */.YjP(), name: schemas/* string */.YjP().optional() }).nullable().optional(),
    identity_provider: schemas/* object */.Ikc({
        id: schemas/* string */.YjP().optional(),
        name: schemas/* string */.YjP().nullable().optional(),
        owner: schemas/* object */.Ikc({ id: schemas/* string */.YjP().optional(), name: schemas/* string */.YjP().optional(), type: schemas/* string */.YjP() })
            .nullable()
            .optional(),
    })
        .nullable()
        .optional(),
    created_at: time,
});
const teamMember = schemas/* object */.Ikc({
    id: schemas/* string */.YjP(),
    email: schemas/* string */.YjP(),
    role: schemas/* string */.YjP().nullable().optional(),
    federated: schemas/* boolean */.zMY().optional(),
    two_factor_authentication: schemas/* boolean */.zMY().optional(),
    identity_provider: identityProvider,
    user: schemas/* object */.Ikc({ id: schemas/* string */.YjP(), email: schemas/* string */.YjP().optional() }).optional(),
    created_at: time,
});
const teamPreferences = schemas/* object */.Ikc({
    'default-permission': schemas/* string */.YjP().nullable().optional(),
    'addons-controls': schemas/* boolean */.zMY().nullable().optional(),
});
const app = schemas/* object */.Ikc({
    id: schemas/* string */.YjP(),
    name: schemas/* string */.YjP(),
    acm: schemas/* boolean */.zMY().optional(),
    maintenance: schemas/* boolean */.zMY().optional(),
    internal_routing: schemas/* boolean */.zMY().nullable().optional(),
    locked: schemas/* boolean */.zMY().optional(),
    joined: schemas/* boolean */.zMY().optional(),
    archived_at: time,
    build_stack: namedRef.nullable().optional(),
    stack: namedRef.nullable().optional(),
    /** `cedar` or `fir`: Fir apps run Cloud Native Buildpacks images, their stack is `cnb`. */
    generation: schemas/* object */.Ikc({ id: schemas/* string */.YjP().optional(), name: schemas/* string */.YjP() }).nullable().optional(),
    region: namedRef.nullable().optional(),
    space: namedRef.nullable().optional(),
    team: namedRef.nullable().optional(),
    owner: schemas/* object */.Ikc({ id: schemas/* string */.YjP().optional(), email: schemas/* string */.YjP().optional() }).nullable().optional(),
    web_url: schemas/* string */.YjP().nullable().optional(),
    created_at: time,
    released_at: time,
    updated_at: time,
    repo_size: schemas/* number */.aig().nullable().optional(),
    slug_size: schemas/* number */.aig().nullable().optional(),
});
const permissionEntity = schemas/* object */.Ikc({
    id: schemas/* string */.YjP(),
    name: schemas/* string */.YjP(),
    type: schemas/* string */.YjP().optional(),
    team_id: schemas/* string */.YjP().optional(),
    users: schemas/* array */.YOg(schemas/* object */.Ikc({ id: schemas/* string */.YjP().optional(), email: schemas/* string */.YjP(), permissions: permissionList })),
});
const addon = schemas/* object */.Ikc({
    id: schemas/* string */.YjP(),
    name: schemas/* string */.YjP(),
    app: ref,
    addon_service: schemas/* object */.Ikc({ id: schemas/* string */.YjP().optional(), name: schemas/* string */.YjP() }),
    plan: schemas/* object */.Ikc({ id: schemas/* string */.YjP().optional(), name: schemas/* string */.YjP() }).optional(),
    config_vars: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
    state: schemas/* string */.YjP().optional(),
    created_at: time,
});
const addonAttachment = schemas/* object */.Ikc({
    id: schemas/* string */.YjP(),
    name: schemas/* string */.YjP(),
    addon: schemas/* object */.Ikc({ id: schemas/* string */.YjP(), name: schemas/* string */.YjP(), app: ref }),
    app: ref,
    namespace: schemas/* string */.YjP().nullable().optional(),
    created_at: time,
});
const pipeline = schemas/* object */.Ikc({
    id: schemas/* string */.YjP(),
    name: schemas/* string */.YjP(),
    owner: schemas/* object */.Ikc({ id: schemas/* string */.YjP(), type: schemas/* string */.YjP() }).nullable().optional(),
    created_at: time,
});
const pipelineCoupling = schemas/* object */.Ikc({
    id: schemas/* string */.YjP(),
    app: ref,
    pipeline: ref,
    stage: schemas/* string */.YjP(),
    created_at: time,
});
const space = schemas/* object */.Ikc({
    id: schemas/* string */.YjP(),
    name: schemas/* string */.YjP(),
    shield: schemas/* boolean */.zMY().optional(),
    state: schemas/* string */.YjP().optional(),
    team: namedRef.nullable().optional(),
    region: namedRef.nullable().optional(),
    generation: schemas/* object */.Ikc({ id: schemas/* string */.YjP().optional(), name: schemas/* string */.YjP() }).nullable().optional(),
    created_at: time,
});
const stack = schemas/* object */.Ikc({
    id: schemas/* string */.YjP(),
    name: schemas/* string */.YjP(),
    state: schemas/* string */.YjP(),
    default: schemas/* boolean */.zMY().optional(),
});
const domain = schemas/* object */.Ikc({
    id: schemas/* string */.YjP(),
    hostname: schemas/* string */.YjP(),
    kind: schemas/* string */.YjP(),
    acm_status: schemas/* string */.YjP().nullable().optional(),
    acm_status_reason: schemas/* string */.YjP().nullable().optional(),
    cname: schemas/* string */.YjP().nullable().optional(),
    status: schemas/* string */.YjP().optional(),
    sni_endpoint: schemas/* object */.Ikc({ id: schemas/* string */.YjP().optional(), name: schemas/* string */.YjP() }).nullable().optional(),
    app: ref.optional(),
    created_at: time,
});
const records_formation = schemas/* object */.Ikc({
    id: schemas/* string */.YjP(),
    type: schemas/* string */.YjP(),
    quantity: schemas/* number */.aig(),
    size: schemas/* string */.YjP().optional(),
    command: schemas/* string */.YjP().optional(),
    app: ref.optional(),
});
// certificate_chain is public material but large; it is not evidence of anything a control checks.
const sniEndpoint = schemas/* object */.Ikc({
    id: schemas/* string */.YjP(),
    name: schemas/* string */.YjP(),
    display_name: schemas/* string */.YjP().nullable().optional(),
    domains: schemas/* array */.YOg(schemas/* string */.YjP()).optional(),
    app: ref.optional(),
    ssl_cert: schemas/* object */.Ikc({
        'ca_signed?': schemas/* boolean */.zMY().optional(),
        'self_signed?': schemas/* boolean */.zMY().optional(),
        cert_domains: schemas/* array */.YOg(schemas/* string */.YjP()),
        expires_at: schemas/* string */.YjP(),
        starts_at: schemas/* string */.YjP().optional(),
        issuer: schemas/* string */.YjP().optional(),
        subject: schemas/* string */.YjP().optional(),
    }),
    created_at: time,
});
const auditEvent = schemas/* object */.Ikc({
    id: schemas/* string */.YjP(),
    created_at: schemas/* string */.YjP(),
    type: schemas/* string */.YjP(),
    action: schemas/* string */.YjP(),
    actor: schemas/* object */.Ikc({ id: schemas/* string */.YjP().optional(), email: schemas/* string */.YjP().optional() }).nullable().optional(),
    app: schemas/* object */.Ikc({ id: schemas/* string */.YjP().optional(), name: schemas/* string */.YjP().optional() }).nullable().optional(),
    owner: schemas/* object */.Ikc({ id: schemas/* string */.YjP().optional(), email: schemas/* string */.YjP().optional() }).nullable().optional(),
    team: schemas/* object */.Ikc({ id: schemas/* string */.YjP().optional(), name: schemas/* string */.YjP().optional() }).nullable().optional(),
    enterprise_account: schemas/* object */.Ikc({ id: schemas/* string */.YjP().optional(), name: schemas/* string */.YjP().optional() })
        .nullable()
        .optional(),
    request: schemas/* object */.Ikc({ ip_address: schemas/* string */.YjP().optional() }).nullable().optional(),
    data: schemas/* record */.g1P(schemas/* string */.YjP(), schemas/* unknown */.L5J()).nullable().optional(),
});
/**
 * A drain URL reduced to its scheme and host (and port): its credentials, path and query often carry a token.
 * Null when it is no URL at all; the raw text is never kept.
 */
function schemeAndHost(url) {
    try {
        const parsed = new URL(url);
        if (!parsed.hostname)
            return null;
        return `${parsed.protocol}//${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}`;
    }
    catch {
        return null;
    }
}
// A drain's `token` is not modelled, so zod drops it here, as the response is parsed.
const logDrain = schemas/* object */.Ikc({
    id: schemas/* string */.YjP(),
    url: schemas/* string */.YjP().transform(schemeAndHost),
    addon: schemas/* object */.Ikc({ id: schemas/* string */.YjP().optional(), name: schemas/* string */.YjP() }).nullable().optional(),
});
// The exporter's headers (API keys) are not modelled, so they are dropped as the response is parsed.
const telemetryDrain = schemas/* object */.Ikc({
    id: schemas/* string */.YjP(),
    owner: schemas/* object */.Ikc({ id: schemas/* string */.YjP(), type: schemas/* string */.YjP() }),
    signals: schemas/* array */.YOg(schemas/* string */.YjP()),
    exporter: schemas/* object */.Ikc({ type: schemas/* string */.YjP(), endpoint: schemas/* string */.YjP().transform(schemeAndHost) }),
});
const appFeature = schemas/* object */.Ikc({ name: schemas/* string */.YjP(), enabled: schemas/* boolean */.zMY() });
/** What an auditor needs of a signing certificate, computed here; its body is dropped. */
function certificateFacts(body) {
    const pem = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(body)?.[0];
    const bytes = pem ? Buffer.from(pem) : Buffer.from(body.replace(/\s+/g, ''), 'base64');
    try {
        const cert = new external_node_crypto_.X509Certificate(bytes);
        return {
            subject: cert.subject.split('\n').join(', '),
            fingerprintSha256: cert.fingerprint256,
            notAfter: new Date(cert.validTo).toISOString(),
        };
    }
    catch {
        return { subject: null, fingerprintSha256: null, notAfter: null };
    }
}
const identityProviderRecord = schemas/* object */.Ikc({
    id: schemas/* string */.YjP(),
    name: schemas/* string */.YjP().nullable().optional(),
    entity_id: schemas/* string */.YjP().nullable().optional(),
    owner: schemas/* object */.Ikc({ id: schemas/* string */.YjP(), name: schemas/* string */.YjP().optional(), type: schemas/* string */.YjP() }),
    certificate: schemas/* string */.YjP()
        .nullable()
        .optional()
        .transform((body) => (body ? certificateFacts(body) : null)),
});
const reviewAppConfig = schemas/* object */.Ikc({
    automatic_review_apps: schemas/* boolean */.zMY(),
    wait_for_ci: schemas/* boolean */.zMY(),
    destroy_stale_apps: schemas/* boolean */.zMY().optional(),
    stale_days: schemas/* number */.aig().nullable().optional(),
    deploy_target: schemas/* object */.Ikc({ id: schemas/* string */.YjP(), type: schemas/* string */.YjP() }).nullable().optional(),
});
const inboundRuleset = schemas/* object */.Ikc({
    id: schemas/* string */.YjP(),
    rules: schemas/* array */.YOg(schemas/* object */.Ikc({ action: schemas/* string */.YjP(), source: schemas/* string */.YjP() })),
    created_at: time,
});

;// CONCATENATED MODULE: ./src/heroku/access.ts
// What the collector's token needs for each kind of data, said once for gaps, check-connection and the README.
const ACCESS_FIX = {
    account: 'Create the token as the service account with `heroku authorizations:create`.',
    authorization: 'The token cannot list the account’s authorizations, so its scopes, age and expiry cannot be checked (`HEROKU-TOKEN-1` is an `error`): create it with the `identity` scope (`heroku authorizations:create --scope identity,read-protected`), Heroku’s scope for account information.',
    'enterprise-account': 'Add the service account to the enterprise account with the `view` permission (Enterprise > Members).',
    'enterprise-members': 'Add the service account to the enterprise account with the `view` permission (Enterprise > Members).',
    'enterprise-teams': 'Add the service account to the enterprise account with the `view` permission (Enterprise > Members).',
    'audit-trail': 'Give the service account the `manage` permission on the enterprise account (Enterprise > Members): Heroku lets only members with `manage` read the audit trail. `manage` is more than read access (it can change members and teams); the action itself only ever sends GET.',
    team: 'Add the service account to the team as a member: `heroku members:add <email> --team <team> --role member`.',
    'team-members': 'Add the service account to the team as a member (role `member` or `admin`).',
    'team-preferences': 'Add the service account to the team as a member (role `member` or `admin`).',
    'team-apps': 'Add the service account to the team as a member (role `member` or `admin`).',
    'app-permissions': 'Give the service account the `admin` role in the team to read every app permission.',
    'team-addons': 'Add the service account to the team as a member (role `member` or `admin`).',
    'pipeline-couplings': 'Add the service account to the team as a member (role `member` or `admin`).',
    'config-var-names': 'Grant the service account `view` on the app and create the token with the `read-protected` scope: `heroku authorizations:create --scope read-protected,identity`.',
    domains: 'Grant the service account `view` on the app.',
    'sni-endpoints': 'Grant the service account `view` on the app.',
    formation: 'Grant the service account `view` on the app.',
    'log-drains': 'Grant the service account `view` on the app.',
    'telemetry-drains': 'Grant the service account `view` on the app (and be a member of the team that owns its space).',
    'app-features': 'Grant the service account `view` on the app.',
    'identity-providers': 'Give the service account the team role `admin`: Heroku keeps a team’s single sign-on settings to its admins.',
    'pipeline-config-vars': 'Grant the service account `view` on the pipeline’s apps and create the token with the `read-protected` scope: `heroku authorizations:create --scope read-protected,identity`.',
    'review-app-config': 'Add the service account to the team that owns the pipeline as a member.',
    'inbound-ruleset': 'Add the service account to the team that owns the space as a member.',
};
function fixFor(resource) {
    return ACCESS_FIX[resource] ?? 'Grant the service account read access to it.';
}

;// CONCATENATED MODULE: ./src/heroku/teams.ts
// The walk of the teams: per team, the bulk endpoints (one request per team instead of one per app); per app, what
// no bulk endpoint offers (config var names, domains, formation, and SNI endpoints where a custom domain needs one).


/** Per team, the bulk endpoints; per app, what no bulk endpoint offers. Returns config var names by app id. */
async function walkTeams(client, visible, snapshot, read, log, 
/** Apps whose SNI endpoints are read even without a custom domain (they had endpoints before). */
knownEndpointApps = new Set(), onTeam) {
    // Per team, the bulk endpoints: one request per team instead of one per app. Each app's own reads start as
    // soon as its team's app list arrives.
    let teamsDone = 0;
    let appsDone = 0;
    const configVarNames = new Map();
    const readApp = async (app) => {
        const ref = { id: app.id, name: app.name };
        const scope = `app/${app.name}`;
        const a = encodeURIComponent(app.id);
        const [names, domains, formation] = await Promise.all([
            read('config-var-names', scope, () => client.configVarNames(app.id)),
            read('domains', scope, () => client.list(`/apps/${a}/domains`, domain)),
            read('formation', scope, () => client.list(`/apps/${a}/formation`, records_formation)),
        ]);
        if (names)
            configVarNames.set(app.id, names);
        for (const d of domains ?? [])
            snapshot.domains.push({ ...d, app: ref });
        // A Procfile command can carry credentials: only its hash is kept, enough to notice that it changed.
        for (const { command, ...f } of formation ?? [])
            snapshot.formations.push({ ...f, commandSha256: command ? sha256(command) : null, app: ref });
        // SNI endpoints matter where a custom domain could use one, and are read again where the last inventory saw
        // some, so that an endpoint whose domain was removed is observed rather than assumed gone.
        if (domains?.some((d) => d.kind === 'custom') || (domains && knownEndpointApps.has(app.name))) {
            snapshot.sniEndpointsReadFor.push(app.name);
            const endpoints = await read('sni-endpoints', scope, () => client.list(`/apps/${a}/sni-endpoints`, sniEndpoint));
            for (const e of endpoints ?? [])
                snapshot.sniEndpoints.push({ ...e, app: ref });
        }
        appsDone++;
        if (appsDone % 100 === 0) {
            log(`Apps ${appsDone}/${snapshot.apps.length}; requests ${client.requests}; rate limit left ${client.rateLimitRemaining ?? '?'}.`);
        }
    };
    // Apps are walked by a few workers rather than all at once: thousands of waiting walks would each hold their
    // promises and partial results, and the heap would grow with the account instead of with the concurrency.
    const appWalks = workers(readApp, APP_WORKERS);
    await Promise.all(visible.map(async (team) => {
        const scope = `team/${team.name}`;
        const t = encodeURIComponent(team.name);
        const owned = [];
        const apps = read('team-apps', scope, () => client.list(`/teams/${t}/apps`, app)).then((list) => {
            for (const app of list ?? []) {
                const mine = { ...app, team: { id: team.id, name: team.name } };
                owned.push(mine);
                snapshot.apps.push(mine);
                appWalks.add(mine);
            }
            return list;
        });
        const [teamMembers, preferences, appList, permissions, addons, couplings] = await Promise.all([
            read('team-members', scope, () => client.list(`/teams/${t}/members`, teamMember)),
            read('team-preferences', scope, () => client.get(`/teams/${t}/preferences`, teamPreferences)),
            apps,
            read('app-permissions', scope, () => client.list(`/teams/${t}/permissions`, permissionEntity)),
            read('team-addons', scope, () => client.list(`/teams/${t}/addons`, addon)),
            read('pipeline-couplings', scope, () => client.list(`/teams/${t}/pipeline-couplings`, pipelineCoupling)),
        ]);
        for (const member of teamMembers ?? [])
            snapshot.teamMembers.push({ ...member, team: team.name });
        if (preferences)
            snapshot.teamPreferences.push({ ...preferences, team: team.name });
        for (const entity of permissions ?? []) {
            if (entity.type && entity.type !== 'app')
                continue;
            snapshot.appPermissions.push({ app: entity.name, team: team.name, users: entity.users });
        }
        // One by one: a team's lists can be long enough to overflow the stack as spread arguments.
        for (const addon of addons ?? [])
            snapshot.addons.push(addon);
        for (const coupling of couplings ?? [])
            snapshot.pipelineCouplings.push(coupling);
        onTeam?.(owned, couplings ?? []);
        teamsDone++;
        log(`Teams ${teamsDone}/${visible.length}: ${team.name} (${appList?.length ?? 0} apps); requests ${client.requests}.`);
    }));
    await appWalks.done();
    log(`Apps ${appsDone}/${snapshot.apps.length}; requests ${client.requests}; rate limit left ${client.rateLimitRemaining ?? '?'}.`);
    return configVarNames;
}
// Enough apps in flight to keep every connection busy while some wait on a dependent read (SNI endpoints).
const APP_WORKERS = 64;
/** Runs `work` on the items added, `count` at a time; `done()` settles once all added so far are finished. */
function workers(work, count) {
    const backlog = [];
    let running = 0;
    let failure;
    let settle;
    const next = () => {
        while (running < count && backlog.length > 0 && failure === undefined) {
            running++;
            work(backlog.shift()).then(() => {
                running--;
                next();
            }, (error) => {
                running--;
                failure ??= error;
                next();
            });
        }
        if ((running === 0 && backlog.length === 0) || (failure !== undefined && running === 0))
            settle?.();
    };
    return {
        add(item) {
            backlog.push(item);
            next();
        },
        done() {
            return new Promise((resolve, reject) => {
                settle = () => (failure === undefined ? resolve() : reject(failure));
                next();
            });
        },
    };
}

;// CONCATENATED MODULE: ./src/heroku/hardening.ts
// The reads of the controls from HEROKU-LOG-1 on, made once the walk knows the apps, couplings, pipelines and
// spaces (identity providers as soon as the teams are known): one list per production app, pipeline, team with
// an identity provider or space, never one per app of the whole account. Each list that cannot be read is a gap
// under its own resource kind.





/**
 * What is read of each production app (by the policy's productionApps): its snapshot records, and the resource
 * kinds of its gaps. A merge whose policy differs from its plan's sets the shards' aside.
 */
const PRODUCTION_APP_READS = {
    records: ['logDrains', 'appFeatures'],
    gaps: ['log-drains', 'app-features', 'telemetry-drains'],
};
/** The feature that makes a Private Space app's router refuse TLS below 1.2. */
const STRICT_TLS_FEATURE = 'spaces-strict-tls';
async function collectHardening(client, snapshot, read, options) {
    const apps = new Set(options.done?.apps);
    const ids = new Set(options.done?.pipelines);
    await Promise.all([
        productionApps(options.early ??
            productionAppReader(client, snapshot, read, options.productionApps, Promise.resolve(snapshot.spaces)), snapshot, (app) => !apps.has(app.name)),
        pipelines(client, snapshot, read, (pipeline) => !ids.has(pipeline.id)),
        options.inboundRules ? spaces(client, snapshot, read) : undefined,
    ]);
}
/**
 * `collect: shard`: the same reads for the shard's own production apps, and for the pipelines its teams own and its
 * apps are coupled to (a pipeline has one owner, so exactly one shard reads it), on the shard's own rate-limit
 * pool. Needs the account's spaces (which apps run on Fir) and pipelines: where either cannot be read, the shard
 * leaves those reads to the merge. Returns what it read.
 */
async function collectShardHardening(client, snapshot, read, teams, productionGlobs) {
    const [spaces, all] = await Promise.all([
        client.list('/spaces', space).catch(() => undefined),
        client.list('/pipelines', pipeline).catch(() => undefined),
    ]);
    const teamIds = new Set(teams.map((team) => team.id));
    const coupled = new Set(snapshot.pipelineCouplings.map((c) => c.pipeline.id));
    if (spaces)
        snapshot.spaces = spaces;
    if (all)
        snapshot.pipelines = all.filter((p) => coupled.has(p.id) && p.owner?.type === 'team' && teamIds.has(p.owner.id));
    const [apps, pipelineIds] = await Promise.all([
        spaces
            ? productionApps(productionAppReader(client, snapshot, read, productionGlobs, Promise.resolve(spaces)), snapshot, () => true)
            : [],
        all ? pipelines(client, snapshot, read, () => true) : [],
    ]);
    return { apps, pipelines: pipelineIds };
}
/** Fir apps run Cloud Native Buildpacks images (stack `cnb`) in Fir spaces, and send telemetry, not log drains. */
function hardening_isFir(app, spaces) {
    if (app.generation?.name === 'fir' || app.stack?.name === 'cnb')
        return true;
    const space = app.space && spaces.find((s) => s.name === app.space?.name);
    return space?.generation?.name === 'fir';
}
/**
 * `spaces`: the account's spaces (which apps run on Fir), awaited before the first app is read. A walk gives each
 * team's production apps as soon as that team's apps and pipeline couplings are in, so that these reads share the
 * connections with the rest of the walk instead of starting after it.
 */
function productionAppReader(client, snapshot, read, globs, spaces) {
    const given = new Set();
    // Awaited by the first app read; a rejected token must not leave it unhandled when no app comes.
    spaces.catch(() => undefined);
    // A Fir space's own telemetry drains serve every app in it: read once per space, not per app.
    const firSpaces = new Map();
    const spaceDrains = (space) => {
        let drains = firSpaces.get(space);
        if (!drains) {
            drains = read('telemetry-drains', `space/${space}`, () => client.list(`/spaces/${encodeURIComponent(space)}/telemetry-drains`, telemetryDrain));
            firSpaces.set(space, drains);
        }
        return drains;
    };
    const readApp = async (app) => {
        const scope = `app/${app.name}`;
        const a = encodeURIComponent(app.id);
        const space = app.space?.name;
        if (hardening_isFir(app, await spaces)) {
            const [own, shared] = await Promise.all([
                read('telemetry-drains', scope, () => client.list(`/apps/${a}/telemetry-drains`, telemetryDrain)),
                space ? spaceDrains(space) : [],
            ]);
            if (own)
                snapshot.logDrains.push({ app: app.name, drains: [], telemetryDrains: [...own, ...(shared ?? [])] });
            return;
        }
        const [drains, features] = await Promise.all([
            read('log-drains', scope, () => client.list(`/apps/${a}/log-drains`, logDrain)),
            space ? read('app-features', scope, () => client.list(`/apps/${a}/features`, appFeature)) : undefined,
        ]);
        if (drains)
            snapshot.logDrains.push({ app: app.name, drains, telemetryDrains: [] });
        if (space && features) {
            const strict = features.find((f) => f.name === STRICT_TLS_FEATURE);
            snapshot.appFeatures.push({ app: app.name, space, spacesStrictTls: strict?.enabled === true });
        }
    };
    const walk = workers(readApp, 64);
    return {
        add(apps, couplings) {
            const production = productionAppNames(apps, couplings, globs);
            for (const app of apps) {
                if (given.has(app.name) || !production.has(app.name))
                    continue;
                given.add(app.name);
                walk.add(app);
            }
        },
        async done() {
            await walk.done();
            return [...given];
        },
    };
}
/** The production apps of the snapshot that `wanted` keeps, read by `reader`. */
async function productionApps(reader, snapshot, wanted) {
    reader.add(snapshot.apps.filter(wanted), snapshot.pipelineCouplings);
    return reader.done();
}
/** Needs only the teams and the enterprise account: read while the teams are walked. */
async function identityProviders(client, snapshot, read) {
    // Heroku's schema lists identity providers per team only; a team's list also shows the enterprise's provider
    // when the team signs in through it. Teams without one are known from /teams and cost nothing.
    const teams = snapshot.teams.filter((team) => team.visible && team.identity_provider);
    const lists = await Promise.all(teams.map((team) => read('identity-providers', `team/${team.name}`, () => client.list(`/teams/${encodeURIComponent(team.name)}/identity-providers`, identityProviderRecord))));
    const byId = new Map(lists.flatMap((list) => list ?? []).map((idp) => [idp.id, idp]));
    snapshot.identityProviders.push(...byId.values());
    const enterprise = snapshot.enterpriseAccount;
    const own = enterprise?.identity_provider?.id;
    if (enterprise && own && !byId.has(own)) {
        snapshot.gaps.push({
            resource: 'identity-providers',
            scope: `enterprise/${enterprise.name}`,
            reason: 'The enterprise account has an identity provider, but Heroku’s Platform API lists identity providers per team only and no team collected here uses it, so its certificate could not be read.',
        });
    }
}
/** Pipeline stages whose config vars Heroku gives to apps it creates: CI (`test`) and review apps (`review`). */
const CI_STAGE = 'test';
const REVIEW_STAGE = 'review';
async function pipelines(client, snapshot, read, wanted) {
    const chosen = snapshot.pipelines.filter(wanted);
    await Promise.all(chosen.map(async (pipeline) => {
        const scope = `pipeline/${pipeline.name}`;
        const id = encodeURIComponent(pipeline.id);
        const stageNames = (stage) => read('pipeline-config-vars', scope, () => client.pipelineStageConfigVarNames(pipeline.id, stage)).then((names) => {
            if (names)
                snapshot.pipelineConfigVarNames.push({
                    pipeline: pipeline.name,
                    stage,
                    // No add-on supplies a stage's config vars: add-ons attach to apps.
                    names: names.map((name) => classifyConfigVar(name, null)),
                });
        });
        const [config] = await Promise.all([
            read('review-app-config', scope, () => hardening_reviewAppConfig(client, id)),
            stageNames(CI_STAGE),
        ]);
        if (config === undefined)
            return;
        if (config === null) {
            snapshot.reviewAppConfigs.push({ pipeline: pipeline.name, enabled: false });
            return;
        }
        snapshot.reviewAppConfigs.push({ pipeline: pipeline.name, enabled: true, ...config });
        // The review stage's config vars reach apps only where review apps are enabled.
        await stageNames(REVIEW_STAGE);
    }));
    return chosen.map((pipeline) => pipeline.id);
}
/** The pipeline's review-app config, or null where Heroku has none (review apps not enabled: a 404). */
async function hardening_reviewAppConfig(client, id) {
    try {
        return await client.get(`/pipelines/${id}/review-app-config`, reviewAppConfig);
    }
    catch (error) {
        if (error instanceof HerokuError && error.status === 404)
            return null;
        throw error;
    }
}
async function spaces(client, snapshot, read) {
    // Fir spaces have no inbound ruleset in Heroku's API: their ingress is configured otherwise.
    const cedar = snapshot.spaces.filter((space) => space.generation?.name !== 'fir');
    await Promise.all(cedar.map(async (space) => {
        const ruleset = await read('inbound-ruleset', `space/${space.name}`, () => client.get(`/spaces/${encodeURIComponent(space.id)}/inbound-ruleset`, inboundRuleset));
        if (ruleset)
            snapshot.spaceInboundRules.push({ space: space.name, id: ruleset.id, rules: ruleset.rules });
    }));
}

;// CONCATENATED MODULE: ./src/heroku/read.ts
// One read of the walk: a Heroku refusal or failure becomes a gap in the snapshot, and the walk goes on. A rejected
// token is not a gap: it ends the run.


/** A `Read` that records each failure as a gap of `snapshot`, with the grant that would fix a refusal. */
function readInto(snapshot) {
    return async (resource, scope, fn) => {
        try {
            return await fn();
        }
        catch (error) {
            if (!isGap(error))
                throw error;
            const advice = error.isForbidden ? ` ${fixFor(resource)}` : '';
            snapshot.gaps.push({ resource, scope, reason: `${error.message}${advice}` });
            return undefined;
        }
    };
}

;// CONCATENATED MODULE: ./src/heroku/collect.ts
// The walk: turns what the token can see of a Heroku account into one Snapshot. Nothing that can be read is
// skipped and nothing is requested twice; whatever cannot be read becomes a gap, and the walk goes on.









async function collect(client, options) {
    const clock = options.clock ?? Date.now;
    const started = clock();
    const snapshot = emptySnapshot(options.now.toISOString());
    snapshot.collected = { inventory: options.inventory, audit: options.auditDays.length > 0 };
    const { log } = options;
    const read = readInto(snapshot);
    // Independent first reads go out together; the pool's real level corrects the client's estimate as soon as
    // it arrives, and every response's RateLimit-Remaining keeps it honest.
    const id = encodeURIComponent(options.enterprise);
    const [budget, account, enterpriseAccount, visibleTeams] = await Promise.all([
        client.checkRateLimit(),
        client.get('/account', records_account),
        options.enterprise
            ? read('enterprise-account', `enterprise/${options.enterprise}`, () => client.get(`/enterprise-accounts/${id}`, records_enterpriseAccount))
            : undefined,
        options.inventory && !options.walked
            ? read('teams', 'account', () => client.list('/teams', team))
            : options.walked?.teams,
    ]);
    log(`Rate limit: ${budget} requests left in the pool.`);
    snapshot.account = account;
    log(`Token belongs to ${account.email}.`);
    snapshot.enterpriseName = options.enterprise || null;
    snapshot.teamsSelected = [...new Set(options.teams)].sort();
    snapshot.auditWindowStart =
        options.auditDays.length > 0 ? (options.auditWindowStart ?? options.auditDays[0]) : null;
    snapshot.enterpriseAccount = enterpriseAccount ?? null;
    const enterpriseScope = `enterprise/${snapshot.enterpriseAccount?.name ?? options.enterprise}`;
    // The audit trail is read alongside the inventory: neither waits for the other.
    await Promise.all([
        options.inventory
            ? collectInventory(client, options, snapshot, read, enterpriseScope, visibleTeams ?? [])
            : undefined,
        collectAudit(client, options, snapshot, read, enterpriseScope),
    ]);
    client.forgetStrings();
    snapshot.requests = client.requests;
    snapshot.rateLimited = client.rateLimited;
    snapshot.completedAt = new Date(options.now.getTime() + (clock() - started)).toISOString();
    log(`Requests sent: ${client.requests}; rate limit left: ${client.rateLimitRemaining ?? 'unknown'}.`);
    return snapshot;
}
async function collectAudit(client, options, snapshot, read, enterpriseScope) {
    if (options.auditDays.length === 0)
        return;
    const { log } = options;
    const enterprise = enterpriseId(snapshot, options);
    if (!enterprise) {
        snapshot.gaps.push({
            resource: 'audit-trail',
            scope: enterpriseScope,
            reason: 'No `enterprise-account` input: the audit trail belongs to an enterprise account and was skipped.',
        });
    }
    else {
        const fetchedAt = options.now;
        let done = 0;
        await Promise.all(options.auditDays.map(async (day) => {
            const events = await read('audit-trail', `audit-day/${day}`, () => client.list(`/enterprise-accounts/${enterprise}/events?day=${day}`, auditEvent));
            if (events)
                snapshot.auditDays.push({ day, complete: isDayComplete(day, fetchedAt), events });
            done++;
        }));
        snapshot.auditDays.sort((a, b) => a.day.localeCompare(b.day));
        log(`Audit trail: ${done} day(s) fetched, ${snapshot.auditDays.reduce((n, d) => n + d.events.length, 0)} events.`);
    }
}
async function collectInventory(client, options, snapshot, read, enterpriseScope, visibleTeams) {
    const { log, token } = options;
    const enterprise = enterpriseId(snapshot, options);
    // The account-wide lists are read while the teams are walked, which starts as soon as /teams answers.
    const spacesRead = read('spaces', 'account', () => client.list('/spaces', space));
    const accountLists = Promise.all([
        read('authorization', 'account', () => client.list('/oauth/authorizations', authorization)),
        enterprise
            ? read('enterprise-members', enterpriseScope, () => client.list(`/enterprise-accounts/${enterprise}/members`, enterpriseMember))
            : undefined,
        enterprise
            ? read('enterprise-teams', enterpriseScope, () => client.list(`/enterprise-accounts/${enterprise}/teams`, team))
            : undefined,
        read('stacks', 'account', () => client.list('/stacks', stack)),
        spacesRead,
        read('pipelines', 'account', () => client.list('/pipelines', pipeline)),
        read('addon-attachments', 'account', () => client.list('/addon-attachments', addonAttachment)),
    ]);
    // Teams: the ones asked for, or all visible ones; every enterprise team the token cannot see is a gap.
    const wanted = new Set(options.teams);
    const visible = visibleTeams.filter((team) => (wanted.size === 0 || wanted.has(team.name)) &&
        (!enterprise || !team.enterprise_account || sameEnterprise(team.enterprise_account, snapshot, options)));
    // Each team's production apps are read as soon as its apps and couplings are in (the merge's were read by shards).
    const globs = options.productionApps ?? [];
    const early = options.walked
        ? undefined
        : productionAppReader(client, snapshot, read, globs, spacesRead.then((list) => list ?? []));
    const walk = options.walked
        ? Promise.resolve(options.walked.join(snapshot))
        : walkTeamsInto(client, visible, snapshot, read, log, options.knownEndpointApps ?? [], early?.add);
    // A rejected token fails both; the first failure awaited is the one reported, the other must not go unhandled.
    walk.catch(() => undefined);
    const [authorizations, members, enterpriseTeams, stacks, spaces, pipelines, attachments] = await accountLists;
    snapshot.authorization = tokenAuthorization(authorizations ?? [], token, options.now);
    snapshot.authorizationIds = (authorizations ?? []).map((a) => a.id).sort();
    if (authorizations && !snapshot.authorization) {
        snapshot.gaps.push({
            resource: 'authorization',
            scope: 'account',
            reason: 'The token in use is not among the account’s authorizations (is it a session token?).',
        });
    }
    snapshot.enterpriseMembers = members ?? [];
    snapshot.stacks = stacks ?? [];
    const visibleNames = new Set(visible.map((team) => team.name));
    const enterpriseNames = new Set((enterpriseTeams ?? []).map((t) => t.name));
    // A team of the previous inventory is known deleted only when the enterprise's own list was read without it.
    const vanished = (options.knownTeams ?? []).filter((name) => (wanted.size === 0 || wanted.has(name)) && !(enterpriseTeams && !enterpriseNames.has(name)));
    const invisible = [
        ...new Set([
            ...(enterpriseTeams ?? []).map((t) => t.name).filter((name) => wanted.size === 0 || wanted.has(name)),
            ...wanted,
            ...vanished,
            ...(options.walked?.unseen ?? []),
        ]),
    ]
        .filter((name) => !visibleNames.has(name))
        .sort()
        .map((name) => ({ id: '', ...(enterpriseTeams ?? []).find((t) => t.name === name), name }));
    for (const team of invisible) {
        const before = vanished.includes(team.name) && !enterpriseNames.has(team.name);
        snapshot.gaps.push({
            resource: 'team',
            scope: `team/${team.name}`,
            reason: options.walked?.why(team.name) ??
                `The token cannot see team ${team.name}${before ? ' (it was in the previous inventory)' : ''}. ${fixFor('team')}`,
        });
    }
    snapshot.teams = [
        ...visible.map((team) => ({ ...team, visible: true })),
        ...invisible.map((team) => ({ ...team, visible: false })),
    ];
    log(`Teams: ${visible.length} visible, ${invisible.length} not visible to the token.`);
    const ssoRead = identityProviders(client, snapshot, read);
    // Awaited after the walk; a rejected token must not leave it unhandled meanwhile.
    ssoRead.catch(() => undefined);
    await walk;
    const appIds = new Set(snapshot.apps.map((app) => app.id));
    const teamNames = new Set(visible.map((team) => team.name));
    snapshot.addonAttachments = (attachments ?? []).filter((a) => appIds.has(a.app.id) || appIds.has(a.addon.app.id));
    const coupledPipelines = new Set(snapshot.pipelineCouplings.map((c) => c.pipeline.id));
    snapshot.pipelines = (pipelines ?? []).filter((p) => coupledPipelines.has(p.id));
    snapshot.spaces = (spaces ?? []).filter((s) => !s.team || teamNames.has(s.team.name));
    // Apps, couplings, pipelines and spaces are known now: the reads that depend on them can start.
    await Promise.all([
        ssoRead,
        collectHardening(client, snapshot, read, {
            productionApps: globs,
            inboundRules: options.inboundRules ?? false,
            done: options.walked?.hardened,
            early,
        }),
    ]);
}
/**
 * The per-team part of an inventory (what one job of a sharded collection reads): the teams' walk, and their apps'
 * config var names classified (names only: the client drops the values).
 */
async function walkTeamsInto(client, teams, snapshot, read, log, knownEndpointApps, onTeam) {
    const configVarNames = await walkTeams(client, teams, snapshot, read, log, new Set(knownEndpointApps), onTeam);
    // An add-on supplies its variables to the app that owns it, which is always of the same team.
    const addonVars = addonSuppliedVars(snapshot);
    for (const app of snapshot.apps) {
        const names = configVarNames.get(app.id);
        if (names)
            snapshot.configVarNames.push({
                app: app.name,
                names: names.map((name) => classifyConfigVar(name, addonVars.get(`${app.id}/${name}`) ?? null)),
            });
    }
}
/**
 * The enterprise account as a path segment: its id when its record was read, else the name or id the input gives
 * (Heroku takes either), so that an unreadable account record does not stop the reads that do not need it.
 */
function enterpriseId(snapshot, options) {
    const identity = snapshot.enterpriseAccount?.id ?? options.enterprise;
    return identity ? encodeURIComponent(identity) : null;
}
/** Whether a team's enterprise is the one this run collects (by id, or by the input's name or id). */
function sameEnterprise(owner, snapshot, options) {
    const account = snapshot.enterpriseAccount;
    if (account)
        return owner.id === account.id;
    return owner.id === options.enterprise || owner.name === options.enterprise;
}
/** The authorization of the token in use, found by comparing tokens in memory: only its metadata is returned. */
function tokenAuthorization(authorizations, token, now) {
    // Compared here in memory, never stored: only the authorization's metadata leaves this function.
    const mine = authorizations.find((a) => a.access_token?.token === token);
    if (!mine)
        return null;
    const expiresIn = mine.access_token?.expires_in ?? null;
    return {
        id: mine.id,
        description: mine.description ? scrubSecrets(mine.description) : null,
        scope: [...(mine.scope ?? [])].sort(),
        createdAt: mine.created_at,
        // expires_in counts from the response; rounded to the hour so that unchanged tokens give unchanged evidence.
        expiresAt: expiresIn === null ? null : roundToHour(now.getTime() + expiresIn * 1000),
    };
}
/** `appId/VAR` → the add-on that puts VAR into that app. */
function addonSuppliedVars(snapshot) {
    const map = new Map();
    for (const addon of snapshot.addons) {
        for (const name of addon.config_vars ?? [])
            map.set(`${addon.app.id}/${name}`, addon.name);
    }
    return map;
}
function roundToHour(ms) {
    return new Date(Math.round(ms / 3_600_000) * 3_600_000).toISOString();
}

;// CONCATENATED MODULE: ./src/issues/remediation.ts
// "How to fix it" with the real names filled in: a control's remediation names what it acts on with placeholders
// (`<app>`, `<team>`, `<domain>`, `<pipeline>`, `<space>`, `<addon>`, `<email>`, ...), and an issue is about one
// resource, whose key (and the snapshot, for what the key does not say, such as a domain's app) gives their values.

/** The placeholder values of each resource key, from the key and the snapshot it was found in. */
function placeholderResolver(snapshot) {
    const teamOfApp = new Map(snapshot.apps.map((a) => [a.name, a.team?.name ?? '']));
    const appOfDomain = new Map(snapshot.domains.map((d) => [d.hostname, d.app.name]));
    const teamsOf = new Map();
    for (const m of snapshot.teamMembers) {
        const email = m.email.toLowerCase();
        teamsOf.set(email, (teamsOf.get(email) ?? new Set()).add(m.team));
    }
    const attachmentName = new Map(snapshot.addonAttachments.map((a) => [`${a.addon.name}/${a.app.name}`, a.name]));
    return (resource) => {
        const slash = resource.indexOf('/');
        const kind = resource.slice(0, slash);
        const rest = resource.slice(slash + 1);
        const values = {};
        const withApp = (app) => {
            if (!app)
                return;
            values.app = app;
            const team = teamOfApp.get(app);
            if (team)
                values.team = team;
        };
        if (slash < 0)
            return values;
        if (kind === 'member') {
            values.email = rest;
            // A person in several teams: which team the command is for is the reader's choice, so it stays a placeholder.
            const teams = [...(teamsOf.get(rest.toLowerCase()) ?? [])];
            if (teams.length === 1)
                values.team = teams[0];
        }
        else if (kind === 'app')
            withApp(rest);
        else if (kind === 'domain') {
            values.domain = rest;
            withApp(appOfDomain.get(rest));
        }
        else if (kind === 'sni-endpoint' || kind === 'config-var') {
            const cut = rest.indexOf('/');
            withApp(rest.slice(0, cut));
            values[kind === 'config-var' ? 'NAME' : 'endpoint'] = rest.slice(cut + 1);
        }
        else if (kind === 'addon-attachment') {
            // Heroku add-on and app names hold no slash: `<addon>/<app>`.
            const [addon = '', app = ''] = rest.split('/');
            values.addon = addon;
            withApp(app);
            const attachment = attachmentName.get(`${addon}/${app}`);
            if (attachment)
                values.attachment = attachment;
        }
        else if (kind === 'authorization')
            values.id = rest;
        else if (kind === 'enterprise')
            values.enterprise = rest;
        // team/<name>, pipeline/<name>, space/<name>, addon/<name>, and any kind a later control adds.
        else
            values[kind] = rest;
        if (snapshot.account?.email)
            values.collector = snapshot.account.email;
        if (snapshot.enterpriseAccount?.name && !values.enterprise)
            values.enterprise = snapshot.enterpriseAccount.name;
        return values;
    };
}
const PLACEHOLDER = /<([A-Za-z][A-Za-z0-9-]*)>/g;
const HAS_PLACEHOLDER = /<[A-Za-z][A-Za-z0-9-]*>/;
// What a shell reads as one plain word; anything else is single-quoted in a command, so a pasted name stays one.
const SHELL_WORD = /^[A-Za-z0-9@%+=:,./_-]+$/;
function shellWord(value) {
    return SHELL_WORD.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}
/**
 * The remediation with its placeholders filled: a command (a code span of the remediation) is rebuilt as one code
 * span around the filled text, with a fence no value can close; a placeholder in prose becomes a code span of its
 * own. A placeholder without a value (which admin to demote is the reader's choice) stays as written.
 */
function fillRemediation(text, values) {
    const fill = (chunk, as) => chunk.replace(PLACEHOLDER, (whole, name) => Object.hasOwn(values, name) ? as(values[name]) : whole);
    return text
        .split(/(`[^`]+`)/)
        .map((part, i) => i % 2 === 1
        ? HAS_PLACEHOLDER.test(part)
            ? codeSpan(fill(part.slice(1, -1), shellWord))
            : part
        : fill(part, codeSpan))
        .join('');
}

;// CONCATENATED MODULE: ./src/issues/render.ts
// The text of issues and their comments. Every name from Heroku goes through md(), so it cannot format, forge a
// marker, or mention anyone.




const LABEL = 'heroku-evidence';
const WAIVED_LABEL = 'waived';
const DIGEST_MARKER = '<!-- heroku-evidence:digest -->';
/** Left on an open issue that a run could not verify, so that it says so once, not every run. */
const UNVERIFIED_MARKER = '<!-- heroku-evidence:unverified -->';
// Read only where the action writes it: the first line of the body.
const FINGERPRINT = /^<!-- heroku-evidence:fingerprint (HEROKU-[A-Z0-9-]+)\/([A-Za-z0-9._~@/:+%-]+) -->(\r?\n|$)/;
const DETAILS = /<!-- heroku-evidence:details ([0-9a-f]+) -->/;
function fingerprint(finding) {
    return `${finding.control}/${finding.resource}`;
}
function readFingerprint(body) {
    const match = FINGERPRINT.exec(body ?? '');
    const resource = match ? decodeMarker(match[2]) : null;
    return match && resource !== null ? `${match[1]}/${resource}` : null;
}
/** Whether the body is the digest's, as the action wrote it. */
function isDigest(body) {
    return (body ?? '').startsWith(DIGEST_MARKER);
}
function fingerprintMarker(finding) {
    return `<!-- heroku-evidence:fingerprint ${finding.control}/${encodeMarker(finding.resource)} -->`;
}
function readDetailsHash(body) {
    return DETAILS.exec(body ?? '')?.[1] ?? null;
}
/** Hash of what a person would call "the details": a change is worth a comment, a new evidence link is not. */
function detailsHash(finding) {
    return (0,external_node_crypto_.createHash)('sha256')
        .update(`${finding.status}\n${finding.title}\n${finding.detail}`)
        .digest('hex')
        .slice(0, 16);
}
function issueTitle(finding) {
    // A title is one line of plain text: a line break or control character from Heroku becomes a space.
    const title = visible(`${finding.control}: ${finding.title}`.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' '));
    return title.length > 250 ? `${title.slice(0, 249)}…` : title;
}
function evidenceLinks(link) {
    if (!link.commit)
        return 'Evidence: not committed (dry run).';
    const commit = `${link.repoUrl}/commit/${link.commit}`;
    if (!link.findingsPath)
        return `Evidence: [commit ${link.commit.slice(0, 7)}](${commit}).`;
    const file = `${link.repoUrl}/blob/${link.commit}/${link.findingsPath}`;
    const summary = file.replace(/findings\.json$/, 'SUMMARY.md');
    return `Evidence: [findings.json](${file}) and [SUMMARY.md](${summary}) in commit [${link.commit.slice(0, 7)}](${commit}).`;
}
const FIRST_SEEN = /^\| First seen \| (\d{4}-\d{2}-\d{2})(.*) \|$/m;
/** The day a finding was first seen, and how the body says it: kept from an existing body, or this run's. */
function firstSeen(link, today, facts) {
    const kept = FIRST_SEEN.exec(facts.previousBody ?? '');
    if (kept)
        return { day: kept[1], cell: `${kept[1]}${kept[2]}` };
    if (facts.previousBody !== undefined) {
        const day = facts.openedAt?.slice(0, 10) ?? today;
        return { day, cell: `${day} (the day this issue was opened)` };
    }
    if (!link.commit)
        return { day: today, cell: `${today} (dry run: no evidence commit)` };
    const commit = `${link.repoUrl}/commit/${link.commit}`;
    return { day: today, cell: `${today}, in evidence commit [${link.commit.slice(0, 7)}](${commit})` };
}
function render_addDays(day, days) {
    return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
/** `today` (YYYY-MM-DD) dates the waiver snippet: it suggests one that expires 90 days later. */
function issueBody(finding, link, today, facts = {}) {
    const control = controlById(finding.control);
    const seen = firstSeen(link, today, facts);
    const days = facts.remediationDays?.[finding.severity];
    const due = days === undefined
        ? ''
        : `| Due | ${render_addDays(seen.day, days)} (first seen + ${days} days for ${finding.severity} severity, \`remediationDays\` in the policy) |`;
    const waiverExpires = new Date(Date.parse(`${today}T00:00:00Z`) + 90 * 86_400_000)
        .toISOString()
        .slice(0, 10);
    // A YAML double-quoted string (JSON's escapes are YAML's): no backtick can end the fence, and no `<` can open
    // an HTML comment or tag, so any resource key round-trips and nothing in it is read as markup.
    const yamlString = (s) => JSON.stringify(s).replace(/[`<>]/g, unicodeEscape).replace(INVISIBLE, unicodeEscape);
    return [
        fingerprintMarker(finding),
        `<!-- heroku-evidence:details ${detailsHash(finding)} -->`,
        `**${md(finding.title)}**`,
        '',
        `| | |`,
        `| --- | --- |`,
        `| Control | ${finding.control}: ${cell(control.name)} |`,
        `| Resource | ${cell(finding.resource)} |`,
        `| Severity | ${finding.severity} |`,
        `| Frameworks | ${finding.frameworks.join(', ')} |`,
        `| First seen | ${seen.cell} |`,
        ...(due ? [due] : []),
        '',
        '### What fails',
        md(finding.detail || finding.title),
        finding.waiver?.expired
            ? `\n_The waiver for this finding expired on ${md(finding.waiver.expires)}._`
            : '',
        '',
        '### Why it matters',
        control.rationale,
        '',
        '### How to fix it',
        fillRemediation(control.remediation, facts.placeholders?.(finding.resource) ?? {}),
        '',
        'This issue closes itself once a run finds it fixed.',
        '',
        '### If the risk is accepted',
        'Add a waiver to the policy file; the finding then shows as `waived` until the waiver expires:',
        '```yaml',
        'waivers:',
        `  - control: ${finding.control}`,
        `    resource: ${yamlString(finding.resource)}`,
        '    reason: "why this is acceptable"',
        '    owner: "who accepts the risk"',
        `    expires: "${waiverExpires}"`,
        '```',
        '',
        evidenceLinks(link),
        '',
    ].join('\n');
}
/** The body without its evidence link: what decides whether the issue needs an update. */
function withoutEvidence(body) {
    return body
        .split('\n')
        .filter((line) => !line.startsWith('Evidence: ') && !line.startsWith('    expires: '))
        .join('\n')
        .trim();
}
function digestBody(findings, cap, link) {
    return [
        DIGEST_MARKER,
        `This run found ${findings.length} more failing control(s) than the ${cap} new issues a run may open (\`max-new-issues\`). They are listed here and get their own issue in later runs, ${cap} a run; this issue closes itself when the list is empty.`,
        '',
        '| control | resource | severity | what |',
        '| --- | --- | --- | --- |',
        ...findings.map((f) => `| ${f.control} | ${cell(f.resource)} | ${f.severity} | ${cell(f.title)} |`),
        '',
        evidenceLinks(link),
        '',
    ].join('\n');
}
/** `c` as a YAML (and JSON) `\uXXXX` escape. */
function unicodeEscape(c) {
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

;// CONCATENATED MODULE: ./src/issues/apply.ts
// Carries out an issue plan on GitHub. Issues are found by listing the label (state `all`), never through the search
// API, which lags behind writes and would make duplicates.


const LABEL_COLOURS = {
    [LABEL]: '5319e7',
    [WAIVED_LABEL]: 'cccccc',
    'severity:critical': 'b60205',
    'severity:high': 'd93f0b',
    'severity:medium': 'fbca04',
    'severity:low': '0e8a16',
};
async function listIssues(github, repo) {
    const issues = await github.paginate(github.rest.issues.listForRepo, {
        ...repo,
        labels: LABEL,
        state: 'all',
        per_page: 100,
    });
    return issues
        .filter((i) => !i.pull_request)
        .map((i) => ({
        number: i.number,
        state: i.state === 'closed' ? 'closed' : 'open',
        title: i.title,
        body: i.body ?? '',
        labels: i.labels.map((l) => (typeof l === 'string' ? l : (l.name ?? ''))),
        createdAt: i.created_at,
    }));
}
async function applyPlan(github, repo, actions, log) {
    const result = { created: 0, updated: 0, closed: 0, reopened: 0, comments: 0 };
    if (actions.length === 0)
        return result;
    await ensureLabels(github, repo, actions);
    const comment = async (issue_number, body) => {
        await github.rest.issues.createComment({ ...repo, issue_number, body });
        result.comments++;
    };
    // One at a time: GitHub's secondary rate limit punishes bursts of content creation (the throttling plugin paces).
    for (const action of actions) {
        switch (action.kind) {
            case 'create': {
                let created;
                try {
                    ({ data: created } = await github.rest.issues.create({
                        ...repo,
                        title: action.title,
                        body: action.body,
                        labels: action.labels,
                        assignees: action.assignees,
                    }));
                }
                catch (error) {
                    // An owner who cannot be assigned (not a collaborator) must not keep the issue from being filed.
                    if (statusOf(error) !== 422 || action.assignees.length === 0)
                        throw error;
                    log(`Could not assign ${action.assignees.join(', ')}; filing ${action.fingerprint} unassigned.`);
                    ({ data: created } = await github.rest.issues.create({
                        ...repo,
                        title: action.title,
                        body: action.body,
                        labels: action.labels,
                    }));
                }
                log(`Opened #${created.number}: ${action.title}`);
                result.created++;
                break;
            }
            case 'update': {
                const existing = await github.rest.issues.get({ ...repo, issue_number: action.number });
                const keep = existing.data.labels
                    .map((l) => (typeof l === 'string' ? l : (l.name ?? '')))
                    .filter((l) => l && l !== WAIVED_LABEL && !l.startsWith('control:') && !l.startsWith('severity:'));
                await github.rest.issues.update({
                    ...repo,
                    issue_number: action.number,
                    title: action.title,
                    body: action.body,
                    labels: [...new Set([...keep, ...action.labels])],
                    ...(action.reopen ? { state: 'open' } : {}),
                });
                if (action.comment)
                    await comment(action.number, action.comment);
                if (action.reopen) {
                    result.reopened++;
                    log(`Reopened #${action.number}: ${action.title}`);
                }
                else
                    result.updated++;
                break;
            }
            case 'close': {
                await comment(action.number, action.comment);
                if (action.labels?.length)
                    await github.rest.issues.addLabels({ ...repo, issue_number: action.number, labels: action.labels });
                await github.rest.issues.update({
                    ...repo,
                    issue_number: action.number,
                    state: 'closed',
                    state_reason: action.reason ?? 'completed',
                });
                log(`Closed #${action.number} (${action.fingerprint}).`);
                result.closed++;
                break;
            }
            case 'digest': {
                if (action.number === null) {
                    const { data } = await github.rest.issues.create({
                        ...repo,
                        title: 'Heroku Evidence: more failing controls than max-new-issues',
                        body: action.body,
                        labels: [LABEL],
                    });
                    log(`Opened digest #${data.number}.`);
                    result.created++;
                }
                else {
                    await github.rest.issues.update({
                        ...repo,
                        issue_number: action.number,
                        body: action.body,
                        state: 'open',
                    });
                    result.updated++;
                }
                break;
            }
            case 'close-digest': {
                await comment(action.number, action.comment);
                await github.rest.issues.update({
                    ...repo,
                    issue_number: action.number,
                    state: 'closed',
                    state_reason: 'completed',
                });
                result.closed++;
                break;
            }
        }
    }
    return result;
}
async function ensureLabels(github, repo, actions) {
    const wanted = new Set([LABEL]);
    for (const a of actions)
        if ('labels' in a && a.labels)
            for (const l of a.labels)
                wanted.add(l);
    const existing = new Set((await github.paginate(github.rest.issues.listLabelsForRepo, { ...repo, per_page: 100 })).map((l) => l.name.toLowerCase()));
    for (const name of wanted) {
        if (existing.has(name.toLowerCase()))
            continue;
        try {
            await github.rest.issues.createLabel({ ...repo, name, color: LABEL_COLOURS[name] ?? 'ededed' });
        }
        catch (error) {
            // Created by a concurrent run in between: fine.
            if (statusOf(error) !== 422)
                throw error;
        }
    }
}

;// CONCATENATED MODULE: ./src/issues/plan.ts
// What to do with issues, decided without touching GitHub: from this run's findings and the issues that exist.




const SEVERITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3 };
function labelsFor(finding) {
    return ['heroku-evidence', `control:${finding.control}`, `severity:${finding.severity}`];
}
function plan(input) {
    const actions = [];
    const byFingerprint = new Map();
    let digest;
    // Oldest first, so that if a person duplicated an issue, the original is the one kept current.
    for (const issue of [...input.existing].sort((a, b) => a.number - b.number)) {
        if (isDigest(issue.body)) {
            if (!digest || (digest.state === 'closed' && issue.state === 'open'))
                digest = issue;
            continue;
        }
        const fp = readFingerprint(issue.body);
        if (fp && !byFingerprint.has(fp))
            byFingerprint.set(fp, issue);
    }
    const evidence = evidenceLinks(input.link);
    const seen = new Set();
    const newFailures = [];
    for (const finding of input.findings) {
        const fp = fingerprint(finding);
        seen.add(fp);
        const issue = byFingerprint.get(fp);
        if (finding.status === 'fail') {
            if (!issue) {
                newFailures.push(finding);
                continue;
            }
            const body = issueBody(finding, input.link, input.today, {
                ...input.facts,
                previousBody: issue.body,
                openedAt: issue.createdAt,
            });
            const changed = readDetailsHash(issue.body) !== detailsHash(finding);
            const reopen = issue.state === 'closed';
            const labels = labelsFor(finding);
            const needsLabels = labels.some((l) => !issue.labels.includes(l)) || issue.labels.includes(WAIVED_LABEL);
            if (reopen ||
                changed ||
                needsLabels ||
                withoutEvidence(issue.body) !== withoutEvidence(body) ||
                issue.title !== issueTitle(finding)) {
                actions.push({
                    kind: 'update',
                    number: issue.number,
                    fingerprint: fp,
                    title: issueTitle(finding),
                    body,
                    labels: labels,
                    reopen,
                    comment: reopen
                        ? `Failing again: ${md(finding.title)}. ${evidence}`
                        : changed
                            ? `The details changed: ${md(finding.title)}. ${evidence}`
                            : undefined,
                });
            }
        }
        else if (finding.status === 'pass' && issue?.state === 'open') {
            actions.push({
                kind: 'close',
                number: issue.number,
                fingerprint: fp,
                comment: `Fixed: this check passes now (${md(finding.title)}). ${evidence}`,
            });
        }
        else if (finding.status === 'error' && issue?.state === 'open') {
            const action = unverified(issue, fp, md(finding.detail || finding.title), evidence);
            if (action)
                actions.push(action);
        }
        else if (finding.status === 'waived' && issue?.state === 'open') {
            const w = finding.waiver;
            actions.push({
                kind: 'close',
                number: issue.number,
                fingerprint: fp,
                comment: `Waived until ${md(w.expires)} by ${md(w.owner)}: ${md(w.reason)}. The finding stays in the evidence as \`waived\` and this issue reopens if the waiver expires while it still fails. ${evidence}`,
                labels: [WAIVED_LABEL],
                reason: 'not_planned',
            });
        }
    }
    // An open issue whose resource has no finding: closed as gone only when a list that would hold it was read
    // completely in this run; closed as no longer evaluated when the resource is still there but the control no
    // longer applies to it. Whatever the run did not observe (unseen, outside its teams, kept from an earlier run)
    // leaves the issue exactly as it is.
    for (const [fp, issue] of byFingerprint) {
        const control = fp.slice(0, fp.indexOf('/'));
        if (seen.has(fp) || issue.state !== 'open' || !input.evaluated.has(control))
            continue;
        const absent = input.absence(fp.slice(control.length + 1));
        if (absent.kind === 'gone') {
            actions.push({
                kind: 'close',
                number: issue.number,
                fingerprint: fp,
                comment: `The resource is gone from the account: ${md(absent.witness)}. ${evidence}`,
            });
        }
        else if (absent.kind === 'present') {
            actions.push({
                kind: 'close',
                number: issue.number,
                fingerprint: fp,
                reason: 'not_planned',
                comment: `No longer evaluated under the policy in force (policy sha256 \`${input.policySha256}\`): ${md(absent.why)}, but ${control} no longer applies to it. This is not a fix; the issue reopens if the control finds it failing again. ${evidence}`,
            });
        }
    }
    newFailures.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        a.control.localeCompare(b.control) ||
        a.resource.localeCompare(b.resource));
    const cap = Math.max(0, input.maxNewIssues);
    for (const finding of newFailures.slice(0, cap)) {
        actions.push({
            kind: 'create',
            fingerprint: fingerprint(finding),
            title: issueTitle(finding),
            body: issueBody(finding, input.link, input.today, input.facts),
            labels: labelsFor(finding),
            assignees: input.owners(finding),
        });
    }
    const overflow = newFailures.slice(cap);
    if (overflow.length > 0) {
        const body = digestBody(overflow, cap, input.link);
        if (!digest || digest.state === 'closed' || withoutEvidence(digest.body) !== withoutEvidence(body))
            actions.push({ kind: 'digest', number: digest?.number ?? null, body });
    }
    else if (digest?.state === 'open') {
        actions.push({
            kind: 'close-digest',
            number: digest.number,
            comment: `Every failing control now has its own issue. ${evidence}`,
        });
    }
    return actions;
}
/** Says once, on an open issue, that this run could not verify it; the issue stays open and nothing is fixed. */
function unverified(issue, fp, why, evidence) {
    if (issue.body.includes(UNVERIFIED_MARKER))
        return undefined;
    return {
        kind: 'update',
        number: issue.number,
        fingerprint: fp,
        title: issue.title,
        body: `${issue.body.trimEnd()}\n\n${UNVERIFIED_MARKER}\n`,
        labels: issue.labels,
        comment: `Not verified in this run, so this issue stays open: ${why}. It is checked again on the next run that can read it. ${evidence}`,
    };
}
/** GitHub logins to assign a finding's issue to, from the policy's `owners` (team or app globs). */
function ownersResolver(snapshot, policy) {
    const teamOf = teamOfApp(snapshot);
    const appOfDomain = new Map(snapshot.domains.map((d) => [d.hostname, d.app.name]));
    return (finding) => {
        const [kind, first = '', second = ''] = finding.resource.split('/');
        let app;
        let team;
        if (kind === 'app' || kind === 'config-var' || kind === 'sni-endpoint')
            app = first;
        else if (kind === 'addon-attachment')
            app = second;
        else if (kind === 'domain')
            app = appOfDomain.get(first);
        else if (kind === 'team')
            team = first;
        if (app)
            team = teamOf.get(app);
        const names = [app, team].filter((n) => Boolean(n));
        const logins = Object.entries(policy.owners)
            .filter(([glob]) => names.some((name) => matchesName(glob, name)))
            .flatMap(([, list]) => list);
        return [...new Set(logins)].sort().slice(0, 10);
    };
}

;// CONCATENATED MODULE: ./src/issues/sync.ts
// The issues step of a run: list what exists, plan against this run's findings, apply (or only report) the plan.





/** Returns the job summary's section on issues. */
async function syncIssues(snapshot, findings, policy, options) {
    const { github, repo, log } = options;
    if (options.evaluated.size === 0)
        return '';
    let existing = [];
    if (github) {
        try {
            existing = await listIssues(github, repo);
        }
        catch (error) {
            if (options.apply)
                throw error;
            core/* notice */.lm(`Issues could not be listed (${error.message}); the plan below assumes none exist.`);
        }
    }
    const actions = plan({
        findings,
        evaluated: options.evaluated,
        existing,
        maxNewIssues: options.maxNewIssues,
        link: options.link,
        today: snapshot.collectedAt.slice(0, 10),
        owners: ownersResolver(snapshot, policy),
        absence: options.observe,
        policySha256: options.policySha256,
        facts: { placeholders: placeholderResolver(snapshot), remediationDays: policy.remediationDays },
    });
    const counts = {};
    for (const a of actions)
        counts[a.kind] = (counts[a.kind] ?? 0) + 1;
    const described = Object.entries(counts)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ') || 'nothing to do';
    if (!options.apply || !github) {
        for (const a of actions)
            log(`[plan] ${a.kind} ${'fingerprint' in a ? a.fingerprint : 'digest'}`);
        return `## Issues (not applied${options.dryRun ? ': dry run' : ''})\n\nPlan: ${md(described)}.\n`;
    }
    const result = await applyPlan(github, repo, actions, log);
    return `## Issues\n\n${result.created} opened, ${result.updated} updated, ${result.reopened} reopened, ${result.closed} closed.\n`;
}

;// CONCATENATED MODULE: ./src/run-output.ts
// What a run shows and hands over: the job summary, the step outputs, and the evidence folder as an artifact.




function setOutputs(outputs) {
    core/* setOutput */.uH('evidence-commit', outputs.evidenceCommit);
    core/* setOutput */.uH('evidence-url', outputs.evidenceUrl);
    core/* setOutput */.uH('run-path', outputs.runPath);
    core/* setOutput */.uH('failed-controls', String(outputs.failedControls));
    core/* setOutput */.uH('findings-file', outputs.findingsFile);
}
/** The job summary; outside Actions (no GITHUB_STEP_SUMMARY) it is printed to the log instead. */
async function jobSummary(markdown) {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (file) {
        await (0,promises_.appendFile)(file, `${markdown}\n`);
    }
    else {
        core/* info */.pq(markdown);
    }
}
/** Writes files (paths relative to `root`) to the local folder, returning their absolute paths. */
async function uploadArtifact(name, root, files, options) {
    // The artifact service exists only inside GitHub Actions.
    if (!process.env.ACTIONS_RUNTIME_TOKEN) {
        core/* notice */.lm('upload-artifact: not running in GitHub Actions, so the evidence folder was not uploaded as an artifact.');
        return;
    }
    // Anyone can download the artifacts of a public repository's workflow runs.
    const [owner = '', repo = ''] = (process.env.GITHUB_REPOSITORY ?? '').split('/');
    const isPublic = options.github ? await isPublicRepo(options.github, { owner, repo }) : undefined;
    if (!options.allowPublic && isPublic !== false) {
        core/* notice */.lm(isPublic
            ? 'upload-artifact: this workflow’s repository is public, and anyone could download the artifact; not uploaded. Set `allow-public-repository: true` to upload it anyway.'
            : 'upload-artifact: the visibility of this workflow’s repository could not be read, so the artifact was not uploaded.');
        return;
    }
    try {
        // Loaded only here: the artifact client (with Azure's storage SDK) is half of the bundle's code, and a run holds
        // the bundle's source in memory for as long as it runs.
        const { DefaultArtifactClient } = await __webpack_require__.e(/* import() */ 228).then(__webpack_require__.bind(__webpack_require__, 50228));
        await new DefaultArtifactClient().uploadArtifact(name, files, root, { retentionDays: 90 });
    }
    catch (error) {
        // The evidence is committed already; a failed upload is worth a warning, not a failed run.
        core/* warning */.$e(`The evidence artifact could not be uploaded: ${error.message}`);
    }
}
// GitHub shows at most 10 warning annotations of a step; the last one left says how many more there are.
const MAX_ANNOTATIONS = 10;
/** Every gap and every finding that could not be evaluated, as warning annotations: one line per group. */
function annotate(gaps, findings) {
    const groups = new Map();
    const add = (key, item) => groups.set(key, [...(groups.get(key) ?? []), item]);
    for (const gap of gaps)
        add(`Gap: ${gap.resource} could not be read`, gap.scope);
    for (const f of findings)
        if (f.status === 'error')
            add(`${f.control} could not be evaluated`, f.resource);
    const lines = [...groups].map(([what, items]) => {
        const shown = items.slice(0, 5).join(', ');
        return `${what} (${items.length}): ${shown}${items.length > 5 ? `, and ${items.length - 5} more` : ''}. See SUMMARY.md.`;
    });
    const kept = lines.length > MAX_ANNOTATIONS ? lines.slice(0, MAX_ANNOTATIONS - 1) : lines;
    for (const line of kept)
        core/* warning */.$e(logLine(line), { title: 'Heroku Evidence' });
    if (kept.length < lines.length)
        core/* warning */.$e(`${lines.length - kept.length} more kinds of gaps and errors: see SUMMARY.md.`);
}
/** Fails the job as `fail-on` asks; the evidence is committed and the issues filed by then. */
function failOn(mode, gaps, findings) {
    const errors = findings.filter((f) => f.status === 'error').length;
    const failing = findings.filter((f) => f.status === 'fail').length;
    if (mode === 'never')
        return;
    if (gaps > 0 || errors > 0) {
        core/* setFailed */.C1(`fail-on: ${mode}: the evidence is incomplete (${gaps} gaps, ${errors} findings not evaluated).`);
    }
    else if (mode === 'failing' && failing > 0) {
        core/* setFailed */.C1(`fail-on: failing: ${failing} findings fail.`);
    }
}

;// CONCATENATED MODULE: ./src/shared/files.ts
// Writing a set of files to a local folder: the action's output directory, and the auditors' report folder.



/** Writes each file under `root` (creating its folders) and returns the full paths written. */
async function writeLocal(root, files) {
    const written = [];
    for (const path of files.keys()) {
        const full = (0,external_node_path_.join)(root, path);
        await (0,promises_.mkdir)((0,external_node_path_.dirname)(full), { recursive: true });
        // A large file of a FileSet is copied from where it is kept, never made whole in memory.
        if (files instanceof FileSet)
            files.writeTo(path, full);
        else
            await (0,promises_.writeFile)(full, files.get(path));
        written.push(full);
    }
    return written;
}

;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"0.1.0"};
;// CONCATENATED MODULE: ./src/version.ts
// The one source of the version: package.json, bundled into dist/ so the User-Agent and manifests name it.

const TOOL = { name: 'heroku-evidence', version: package_namespaceObject.rE };

;// CONCATENATED MODULE: ./src/modes/context.ts
// What every run mode shares: how it names itself to Heroku and GitHub, how it logs foreign text, and where GitHub is.




const USER_AGENT = `${TOOL.name}/${TOOL.version} (+GitHub Action)`;
/** Every log line that can carry text from Heroku, GitHub or the policy goes through here. */
const info = (line) => core/* info */.pq(logLine(line));
function serverUrl() {
    return process.env.GITHUB_SERVER_URL ?? 'https://github.com';
}
function repoUrl(repo) {
    return `${serverUrl()}/${repo.owner}/${repo.repo}`;
}
/** The workflow run's URL, when the action runs in GitHub Actions. */
function workflowRunUrl() {
    const { GITHUB_RUN_ID: id, GITHUB_REPOSITORY: repository } = process.env;
    return id && repository ? `${serverUrl()}/${repository}/actions/runs/${id}` : null;
}
function context_github(token) {
    return createGitHub({ token, userAgent: USER_AGENT, log: (l) => core/* warning */.$e(logLine(l)) });
}

;// CONCATENATED MODULE: ./src/history/commits.ts
// Which commit wrote each run, from the commits that changed each month's ledger file (one per line it holds).



/**
 * Each run's commit by run folder. `touching` lists the commits that changed a file, newest first. Where a person
 * edited a ledger file too, the counts differ and that month's runs are left without a commit.
 */
async function runCommits(read, touching, period) {
    const out = new Map();
    for (const month of monthsBetween(period.from, period.to)) {
        const file = ledgerFile(month);
        const text = await read(file);
        if (!text)
            continue;
        const lines = parseLedger(text, file);
        const commits = (await touching(file)).reverse();
        if (commits.length !== lines.length)
            continue;
        for (const [i, { line }] of lines.entries())
            out.set(line.path, commits[i]);
    }
    return out;
}

;// CONCATENATED MODULE: ./src/history/report.ts
// The period report as a pure function of the ledger, the audit days and the members at the period's end: what
// an auditor tests for a SOC 2 Type II or ISO 27001 period. Its shape is report.json's, checked by `reportSchema`.




const severity = schemas/* enum */.k5n(['critical', 'high', 'medium', 'low']);
const member = schemas/* object */.Ikc({
    email: schemas/* string */.YjP(),
    team: schemas/* string */.YjP(),
    role: schemas/* string */.YjP(),
    twoFactor: schemas/* boolean */.zMY().nullable(),
    federated: schemas/* boolean */.zMY().nullable(),
    enterprisePermissions: schemas/* array */.YOg(schemas/* string */.YjP()),
});
const reportSchema = schemas/* object */.Ikc({
    schema: schemas/* literal */.euz('heroku-evidence/report@1'),
    period: schemas/* object */.Ikc({ name: schemas/* string */.YjP(), from: schemas/* string */.YjP(), to: schemas/* string */.YjP() }),
    provisional: schemas/* boolean */.zMY(),
    generatedAt: schemas/* string */.YjP(),
    tool: schemas/* object */.Ikc({ name: schemas/* string */.YjP(), version: schemas/* string */.YjP() }),
    enterprise: schemas/* string */.YjP().nullable(),
    runs: schemas/* array */.YOg(schemas/* object */.Ikc({
        path: schemas/* string */.YjP(),
        commit: schemas/* string */.YjP().nullable(),
        collectedAt: schemas/* string */.YjP(),
        complete: schemas/* boolean */.zMY(),
        manifestSha256: schemas/* string */.YjP(),
    })),
    schedule: schemas/* object */.Ikc({
        days: schemas/* number */.aig(),
        daysWithInventory: schemas/* number */.aig(),
        /** Days after the first inventory run without one. */
        missedDays: schemas/* array */.YOg(schemas/* string */.YjP()),
        /** The period's days before the evidence repository's first inventory run: no evidence exists for them. */
        daysBeforeFirstRun: schemas/* array */.YOg(schemas/* string */.YjP()),
    }),
    auditTrail: schemas/* object */.Ikc({ days: schemas/* number */.aig(), completeDays: schemas/* number */.aig(), missingDays: schemas/* array */.YOg(schemas/* string */.YjP()) }),
    chain: schemas/* object */.Ikc({
        verified: schemas/* boolean */.zMY(),
        breaks: schemas/* array */.YOg(schemas/* object */.Ikc({ run: schemas/* string */.YjP(), expected: schemas/* string */.YjP().nullable(), found: schemas/* string */.YjP().nullable() })),
    }),
    controls: schemas/* array */.YOg(schemas/* object */.Ikc({
        control: schemas/* string */.YjP(),
        title: schemas/* string */.YjP(),
        severity,
        frameworks: schemas/* array */.YOg(schemas/* string */.YjP()),
        runs: schemas/* number */.aig(),
        /** Runs where every finding of the control passed: a waived finding is not a pass. */
        runsPassing: schemas/* number */.aig(),
        exceptions: schemas/* number */.aig(),
        /** Resources the control evaluated: in the period's first and last runs, the least and most in any run. */
        population: schemas/* object */.Ikc({ first: schemas/* number */.aig(), last: schemas/* number */.aig(), min: schemas/* number */.aig(), max: schemas/* number */.aig() }),
    })),
    /** Every distinct policy in force during the period (its policy.json sha256), with its first and last run. */
    policies: schemas/* array */.YOg(schemas/* object */.Ikc({ sha256: schemas/* string */.YjP(), firstRun: schemas/* string */.YjP(), lastRun: schemas/* string */.YjP() })),
    exceptions: schemas/* array */.YOg(schemas/* object */.Ikc({
        control: schemas/* string */.YjP(),
        resource: schemas/* string */.YjP(),
        severity,
        firstFailedAt: schemas/* string */.YjP(),
        lastFailedAt: schemas/* string */.YjP(),
        resolvedAt: schemas/* string */.YjP().nullable(),
        resolution: schemas/* enum */.k5n(['fixed', 'gone', 'waived', 'not-evaluated']).nullable(),
        daysOpen: schemas/* number */.aig(),
        remediationDays: schemas/* number */.aig(),
        withinSla: schemas/* boolean */.zMY(),
        regressions: schemas/* number */.aig(),
        issue: schemas/* string */.YjP().nullable(),
        waivers: schemas/* array */.YOg(schemas/* object */.Ikc({ owner: schemas/* string */.YjP(), reason: schemas/* string */.YjP(), expires: schemas/* string */.YjP() })),
    })),
    /** Findings waived at any run of the period: the risks accepted, by whom, until when. */
    acceptedRisks: schemas/* array */.YOg(schemas/* object */.Ikc({
        control: schemas/* string */.YjP(),
        resource: schemas/* string */.YjP(),
        owner: schemas/* string */.YjP(),
        reason: schemas/* string */.YjP(),
        expires: schemas/* string */.YjP(),
        firstWaivedAt: schemas/* string */.YjP(),
        lastWaivedAt: schemas/* string */.YjP(),
    })),
    access: schemas/* object */.Ikc({
        at: schemas/* string */.YjP().nullable(),
        members: schemas/* array */.YOg(member),
        joined: schemas/* array */.YOg(schemas/* object */.Ikc({ at: schemas/* string */.YjP(), email: schemas/* string */.YjP(), team: schemas/* string */.YjP(), role: schemas/* string */.YjP() })),
        left: schemas/* array */.YOg(schemas/* object */.Ikc({ at: schemas/* string */.YjP(), email: schemas/* string */.YjP(), team: schemas/* string */.YjP(), role: schemas/* string */.YjP() })),
        roleChanges: schemas/* array */.YOg(schemas/* object */.Ikc({ at: schemas/* string */.YjP(), email: schemas/* string */.YjP(), team: schemas/* string */.YjP(), from: schemas/* string */.YjP(), to: schemas/* string */.YjP() })),
    }),
});
const DAY = 86_400_000;
function buildReport(input) {
    const { period } = input;
    const end = `${period.to}T23:59:59.999Z`;
    const start = `${period.from}T00:00:00Z`;
    const today = input.now.toISOString().slice(0, 10);
    const provisional = today <= period.to;
    const inPeriod = (at) => at >= start && at <= end;
    const all = input.lines;
    const runs = all.filter(({ line }) => inPeriod(line.collectedAt));
    // Days that have happened: a provisional period is judged up to today (schedule) or yesterday (audit trail).
    const lastDay = provisional ? today : period.to;
    const days = lastDay < period.from ? [] : daysBetween(period.from, lastDay);
    const inventoryDays = new Set(runs.map(({ line }) => line.collectedAt.slice(0, 10)));
    // Days before the first run ever are not "missed": there was no collection yet.
    const firstDay = all[0]?.line.collectedAt.slice(0, 10) ?? '9999-12-31';
    const auditDays = days.filter((d) => !provisional || d < today);
    // The hash chains: each manifest names the previous run's, each ledger line the previous line.
    const breaks = [];
    for (let i = 0; i < all.length; i++) {
        const { line } = all[i];
        if (!inPeriod(line.collectedAt))
            continue;
        const previous = all[i - 1];
        const expected = previous ? previous.line.manifestSha256 : line.previousManifestSha256;
        if (line.previousManifestSha256 !== expected)
            breaks.push({ run: line.path, expected, found: line.previousManifestSha256 });
        const expectedLine = previous ? sha256(previous.text) : line.previousLineSha256;
        if (line.previousLineSha256 !== expectedLine)
            breaks.push({
                run: `${line.path} (ledger line)`,
                expected: expectedLine,
                found: line.previousLineSha256,
            });
    }
    const exceptions = buildExceptions(input, inPeriod, provisional ? input.now.toISOString() : end);
    const controls = CONTROLS.map((c) => {
        const evaluated = runs.filter(({ line }) => line.controls[c.id]);
        return {
            control: c.id,
            title: c.name,
            severity: c.severity,
            frameworks: c.frameworks,
            runs: evaluated.length,
            runsPassing: evaluated.filter(({ line }) => {
                const n = line.controls[c.id];
                return n.fail + n.error + n.waived === 0;
            }).length,
            exceptions: exceptions.filter((e) => e.control === c.id).length,
            population: population(evaluated.map(({ line }) => line.controls[c.id])),
        };
    });
    const stamp = (list, at) => list.map((x) => ({ at, ...x }));
    const changes = runs.map(({ line }) => line);
    return {
        schema: 'heroku-evidence/report@1',
        period,
        provisional,
        generatedAt: input.now.toISOString(),
        tool: input.tool,
        enterprise: input.enterprise,
        runs: runs.map(({ line }) => ({
            path: line.path,
            commit: input.commits.get(line.path) ?? null,
            collectedAt: line.collectedAt,
            complete: line.complete,
            manifestSha256: line.manifestSha256,
        })),
        schedule: {
            days: days.length,
            daysWithInventory: days.filter((d) => inventoryDays.has(d)).length,
            missedDays: days.filter((d) => d >= firstDay && !inventoryDays.has(d)),
            daysBeforeFirstRun: days.filter((d) => d < firstDay),
        },
        auditTrail: {
            days: auditDays.length,
            completeDays: auditDays.filter((d) => input.auditDays[d]?.complete).length,
            missingDays: auditDays.filter((d) => !input.auditDays[d]?.complete),
        },
        chain: { verified: breaks.length === 0, breaks },
        controls,
        exceptions,
        policies: policiesInForce(runs.map(({ line }) => line)),
        acceptedRisks: acceptedRisks(runs.map(({ line }) => line)),
        access: {
            at: runs.at(-1)?.line.collectedAt ?? null,
            members: input.members,
            joined: changes.flatMap((l) => stamp(l.members.joined, l.collectedAt)),
            left: changes.flatMap((l) => stamp(l.members.left, l.collectedAt)),
            roleChanges: changes.flatMap((l) => stamp(l.members.roleChanges, l.collectedAt)),
        },
    };
}
/** How many resources a control evaluated, run by run. */
function population(counts) {
    const sizes = counts.map((n) => n.pass + n.fail + n.waived + n.error);
    if (sizes.length === 0)
        return { first: 0, last: 0, min: 0, max: 0 };
    return { first: sizes[0], last: sizes.at(-1), min: Math.min(...sizes), max: Math.max(...sizes) };
}
function policiesInForce(lines) {
    const out = new Map();
    for (const line of lines) {
        if (!line.policySha256)
            continue;
        const known = out.get(line.policySha256);
        if (known)
            known.lastRun = line.path;
        else
            out.set(line.policySha256, { sha256: line.policySha256, firstRun: line.path, lastRun: line.path });
    }
    return [...out.values()];
}
/** Failing streaks per (control, resource), walked over every run up to the period's end. */
function buildExceptions(input, inPeriod, periodEnd) {
    const streaks = new Map();
    const meta = new Map();
    for (const { line } of input.lines) {
        if (line.collectedAt > `${input.period.to}T23:59:59.999Z`)
            break;
        const open = (key) => streaks.get(key)?.at(-1);
        for (const e of line.exceptions) {
            const key = `${e.control}/${e.resource}`;
            const m = meta.get(key) ?? { severity: e.severity, waivers: new Map() };
            meta.set(key, m);
            if (e.waiver && inPeriod(line.collectedAt))
                m.waivers.set(`${e.waiver.owner}|${e.waiver.expires}|${e.waiver.reason}`, {
                    owner: e.waiver.owner,
                    reason: e.waiver.reason,
                    expires: e.waiver.expires,
                });
            const current = open(key);
            if (e.status === 'fail') {
                const within = inPeriod(line.collectedAt);
                if (current && current.end === null) {
                    current.lastFail = line.collectedAt;
                    current.inPeriod ||= within;
                }
                else {
                    const streak = {
                        start: line.collectedAt,
                        policy: line.policySha256 ?? '',
                        lastFail: line.collectedAt,
                        end: null,
                        resolution: null,
                    };
                    streaks.set(key, [...(streaks.get(key) ?? []), { ...streak, inPeriod: within }]);
                }
            }
            else if (e.status === 'waived' && current && current.end === null) {
                current.end = line.collectedAt;
                current.resolution = 'waived';
            }
            // `error`: not verified, so the streak neither ends nor grows.
        }
        for (const r of line.resolved) {
            const current = open(`${r.control}/${r.resource}`);
            if (current && current.end === null) {
                current.end = line.collectedAt;
                current.resolution = r.how === 'pass' ? 'fixed' : r.how;
            }
        }
    }
    const out = [];
    for (const [key, list] of streaks) {
        // The streaks with a failing run in the period; the first may have begun before it.
        const failedInPeriod = list.filter((streak) => streak.inPeriod);
        if (failedInPeriod.length === 0)
            continue;
        const first = failedInPeriod[0];
        const last = failedInPeriod.at(-1);
        const m = meta.get(key);
        const [control, ...rest] = key.split('/');
        const resolvedAt = last.end !== null && last.end <= periodEnd ? last.end : null;
        const daysOpen = Math.max(0, Math.round((Date.parse(resolvedAt ?? periodEnd) - Date.parse(first.start)) / DAY));
        const sla = input.remediationDays.get(first.policy) ?? input.remediationDays.get('');
        const remediationDays = sla[m.severity] ?? 90;
        out.push({
            control: control,
            resource: rest.join('/'),
            severity: m.severity,
            firstFailedAt: first.start,
            lastFailedAt: last.lastFail,
            resolvedAt,
            resolution: resolvedAt ? last.resolution : null,
            daysOpen,
            remediationDays,
            withinSla: daysOpen <= remediationDays,
            regressions: failedInPeriod.length - 1,
            issue: input.issues.get(key) ?? null,
            waivers: [...m.waivers.values()],
        });
    }
    return out.sort((a, b) => a.control.localeCompare(b.control) || a.resource.localeCompare(b.resource));
}
function acceptedRisks(lines) {
    const risks = new Map();
    for (const line of lines)
        for (const e of line.exceptions) {
            if (e.status !== 'waived' || !e.waiver)
                continue;
            const key = `${e.control}/${e.resource}/${e.waiver.owner}/${e.waiver.expires}/${e.waiver.reason}`;
            const known = risks.get(key);
            if (known)
                known.lastWaivedAt = line.collectedAt;
            else
                risks.set(key, {
                    control: e.control,
                    resource: e.resource,
                    owner: e.waiver.owner,
                    reason: e.waiver.reason,
                    expires: e.waiver.expires,
                    firstWaivedAt: line.collectedAt,
                    lastWaivedAt: line.collectedAt,
                });
        }
    return [...risks.values()].sort((a, b) => a.control.localeCompare(b.control) || a.resource.localeCompare(b.resource));
}

;// CONCATENATED MODULE: ./src/history/generate.ts
// Gathers what a period report needs from the evidence, through any reader (GitHub's API in the action, the files
// of a local clone in the command line): state.json, the ledger's monthly files, and the members at the period's
// last run, and the policy each run recorded (policy.json, read once per distinct policy: the working tree's policy
// file is never used). A bounded number of reads: one per month of history, one per policy, plus three.







async function generateReport(read, options) {
    const { period } = options;
    const stateText = await read(STATE_FILE);
    if (stateText === null)
        throw new ReportError(`The evidence folder has no ${STATE_FILE}: no run has been committed there yet, so there is nothing to report on. Check evidence-repository, evidence-branch and evidence-path.`);
    const state = parseState(stateText, STATE_FILE);
    const oldest = state.runs.at(-1)?.collectedAt ?? period.from;
    const months = monthsBetween(oldest < period.from ? oldest : period.from, period.to);
    const files = await Promise.all(months.map((m) => read(ledgerFile(m))));
    const lines = [];
    for (const [i, text] of files.entries())
        if (text !== null)
            lines.push(...parseLedger(text, ledgerFile(months[i])));
    lines.sort((a, b) => a.line.collectedAt.localeCompare(b.line.collectedAt));
    const last = lines.filter(({ line }) => line.collectedAt <= `${period.to}T23:59:59.999Z`).at(-1)?.line;
    const members = last ? await membersAt(read, last.path) : [];
    const enterprise = last ? await read(`${last.path}/${RUN_FILES.manifest}`).then(enterpriseName) : null;
    return buildReport({
        period,
        now: options.now,
        tool: options.tool,
        enterprise,
        lines,
        auditDays: state.auditDays,
        members,
        remediationDays: await remediationByPolicy(read, lines),
        issues: options.issues ?? new Map(),
        commits: options.commits ?? new Map(),
    });
}
/**
 * The SLAs of every policy the runs recorded, by the policy's sha256, read from the first run that names it; '' is
 * for runs that recorded none (before runs wrote policy.json): the defaults were in force unless a policy file said
 * otherwise, which those runs did not record.
 */
async function remediationByPolicy(read, lines) {
    const out = new Map([['', defaultPolicy.remediationDays]]);
    const firstRun = new Map();
    for (const { line } of lines)
        if (line.policySha256 && !firstRun.has(line.policySha256))
            firstRun.set(line.policySha256, line.path);
    await Promise.all([...firstRun].map(async ([sha, path]) => {
        const text = await read(`${path}/${RUN_FILES.policy}`);
        const recorded = text
            ? JSON.parse(text).remediationDays
            : undefined;
        out.set(sha, { ...defaultPolicy.remediationDays, ...recorded });
    }));
    return out;
}
function enterpriseName(text) {
    if (!text)
        return null;
    const e = JSON.parse(text).enterprise;
    if (typeof e === 'string')
        return e;
    return e && typeof e === 'object' && 'name' in e ? String(e.name) : null;
}
async function membersAt(read, runPath) {
    const [team, enterprise] = await Promise.all([
        read(`${runPath}/${RUN_FILES.teamMembers}`),
        read(`${runPath}/${RUN_FILES.enterpriseMembers}`),
    ]);
    const permissions = new Map();
    for (const m of (enterprise ? JSON.parse(enterprise) : [])) {
        const email = String(m.user?.email ?? '').toLowerCase();
        const list = (Array.isArray(m.permissions) ? m.permissions : []).map((p) => typeof p === 'string' ? p : String(p.name ?? ''));
        permissions.set(email, list.sort());
    }
    return (team ? JSON.parse(team) : [])
        .map((m) => ({
        email: String(m.email ?? ''),
        team: String(m.team ?? ''),
        role: String(m.role ?? ''),
        twoFactor: typeof m.two_factor_authentication === 'boolean' ? m.two_factor_authentication : null,
        federated: typeof m.federated === 'boolean' ? m.federated : null,
        enterprisePermissions: permissions.get(String(m.email ?? '').toLowerCase()) ?? [],
    }))
        .sort((a, b) => a.email.localeCompare(b.email) || a.team.localeCompare(b.team));
}

;// CONCATENATED MODULE: ./src/history/render.ts
// The files of a period report: REPORT.md for people, report.json for machines, two CSVs that open in a
// spreadsheet as they are, and SHA256SUMS over all four.




/** The report's files, by name (relative to `reports/<period>/`). */
function renderReport(report) {
    const files = new Map([
        ['REPORT.md', reportMarkdown(report)],
        ['report.json', toJson(report)],
        ['exceptions.csv', exceptionsCsv(report)],
        ['access-review.csv', accessCsv(report)],
    ]);
    files.set('SHA256SUMS', [...files.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([name, text]) => `${sha256(text)}  ${name}\n`)
        .join(''));
    return files;
}
/** A CSV cell: quoted when it must be, and never read as a formula by a spreadsheet. */
function render_cell(value) {
    let text = value === null || value === undefined ? '' : visible(String(value));
    if (/^[=+\-@\t\r]/.test(text))
        text = `'${text}`;
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
function csv(header, rows) {
    return [header, ...rows]
        .map((row) => row.map(render_cell).join(','))
        .join('\r\n')
        .concat('\r\n');
}
function exceptionsCsv(report) {
    return csv([
        'control',
        'resource',
        'severity',
        'first_failed_at',
        'resolved_at',
        'resolution',
        'days_open',
        'remediation_days',
        'within_sla',
        'regressions',
        'issue',
    ], report.exceptions.map((e) => [
        e.control,
        e.resource,
        e.severity,
        e.firstFailedAt,
        e.resolvedAt,
        e.resolution,
        e.daysOpen,
        e.remediationDays,
        e.withinSla,
        e.regressions,
        e.issue,
    ]));
}
function accessCsv(report) {
    return csv(['email', 'team', 'role', 'two_factor', 'federated', 'enterprise_permissions'], report.access.members.map((m) => [
        m.email,
        m.team,
        m.role,
        m.twoFactor,
        m.federated,
        m.enterprisePermissions.join(' '),
    ]));
}
function reportMarkdown(r) {
    const lines = [];
    const verdict = (c) => c.runs === 0 ? 'not evaluated' : c.runsPassing === c.runs ? 'operated effectively' : 'exceptions';
    lines.push(`# Heroku evidence: period report ${md(r.period.name)}${r.provisional ? ' (provisional: the period is not over)' : ''}`, '', `${md(r.enterprise ?? 'Heroku')}, ${r.period.from} to ${r.period.to} (UTC). Generated ${r.generatedAt} by ${r.tool.name} ${r.tool.version} from the evidence repository alone; \`report.json\` holds the same for machines and \`SHA256SUMS\` verifies these files.`, '', '## Controls', '', table(['control', 'what it checks', 'verdict', 'runs', 'runs passing', 'exceptions', 'resources evaluated'], r.controls.map((c) => [
        c.control,
        c.title,
        verdict(c),
        String(c.runs),
        String(c.runsPassing),
        String(c.exceptions),
        c.runs === 0
            ? ''
            : `${c.population.first} in the first run, ${c.population.last} in the last (${c.population.min} to ${c.population.max})`,
    ])), '', 'A run passes a control only when every finding of it passed: a waived finding is an accepted exception, not a pass.', '', '## Operation', '', `- Inventory runs: ${r.runs.length}, of which ${r.runs.filter((x) => !x.complete).length} incomplete.`, `- Schedule: ${r.schedule.daysWithInventory} of ${r.schedule.days} days had an inventory; ${r.schedule.missedDays.length} missed${r.schedule.missedDays.length ? ':' : '.'}`, ...dayRanges(r.schedule.missedDays).map((range) => `  - missed: ${range}`), ...(r.schedule.daysBeforeFirstRun.length
        ? [
            `- Before the first inventory run (no evidence exists for these days, not counted as missed): ${dayRanges(r.schedule.daysBeforeFirstRun).join(', ')}.`,
        ]
        : []), `- Audit trail: ${r.auditTrail.completeDays} of ${r.auditTrail.days} days complete${r.auditTrail.missingDays.length ? `; missing: ${r.auditTrail.missingDays.join(', ')}` : ''}.`, `- Hash chain: ${r.chain.verified ? 'verified, no break' : `${r.chain.breaks.length} break(s): ${r.chain.breaks.map((b) => md(b.run)).join(', ')}`}.`, '');
    lines.push(...chart(r));
    lines.push('## Exceptions', '');
    lines.push(r.exceptions.length === 0
        ? 'None: no control failed on any resource during the period.'
        : table([
            'control',
            'resource',
            'severity',
            'first failed',
            'resolved',
            'how',
            'days open',
            'SLA',
            'regressions',
            'waivers',
            'issue',
        ], r.exceptions.map((e) => [
            e.control,
            e.resource,
            e.severity,
            e.firstFailedAt,
            e.resolvedAt ?? 'still failing',
            e.resolution ?? '',
            String(e.daysOpen),
            `${e.withinSla ? 'within' : 'over'} ${e.remediationDays} days`,
            String(e.regressions),
            e.waivers.map((w) => `${w.owner} until ${w.expires}: ${w.reason}`).join('; '),
            e.issue ? { raw: `[issue](${e.issue})` } : '',
        ])), '', '## Accepted exceptions (waivers)', '', r.acceptedRisks.length === 0
        ? 'No finding was waived during the period.'
        : table(['control', 'resource', 'accepted by', 'reason', 'expires', 'waived from', 'waived until'], r.acceptedRisks.map((w) => [
            w.control,
            w.resource,
            w.owner,
            w.reason,
            w.expires,
            w.firstWaivedAt,
            w.lastWaivedAt,
        ])), '', '## Policies in force', '', r.policies.length === 0
        ? 'No run of the period recorded its policy (runs before policy.json was written): the defaults apply.'
        : table(['policy.json sha256', 'first run', 'last run'], r.policies.map((p) => [p.sha256, p.firstRun, p.lastRun])), '', '## Access review', '', `${r.access.members.length} team memberships at ${r.access.at ?? 'the end of the period'} (\`access-review.csv\`).`, '');
    const changes = [
        ...r.access.joined.map((j) => [j.at, `${j.email} joined ${j.team} as ${j.role}`]),
        ...r.access.left.map((l) => [l.at, `${l.email} left ${l.team}`]),
        ...r.access.roleChanges.map((c) => [c.at, `${c.email} in ${c.team}: ${c.from} → ${c.to}`]),
    ].sort(([a], [b]) => a.localeCompare(b));
    if (changes.length)
        lines.push(table(['seen at', 'change'], changes), '');
    lines.push('## Runs', '', table(['run', 'commit', 'collected at', 'complete', 'manifest sha256'], r.runs.map((x) => [x.path, x.commit ?? '', x.collectedAt, x.complete ? 'yes' : 'no', x.manifestSha256])), '');
    return lines.join('\n');
}
/** Consecutive days as ranges: `2026-11-04`, `2026-11-06 to 2026-11-09 (4 days)`. */
function dayRanges(days) {
    const out = [];
    let start = null;
    let count = 0;
    let previous = '';
    const close = () => {
        if (start !== null)
            out.push(count === 1 ? start : `${start} to ${previous} (${count} days)`);
    };
    for (const day of days) {
        const next = previous && daysBetween(previous, day).length === 2;
        if (!next) {
            close();
            start = day;
            count = 0;
        }
        count++;
        previous = day;
    }
    close();
    return out;
}
/** Open exceptions on every day of the period: a day without an inventory is a gap (no bar, labelled so). */
function chart(r) {
    const days = r.schedule.days ? daysBetween(r.period.from, r.period.to).slice(0, r.schedule.days) : [];
    if (days.length === 0 || r.runs.length === 0)
        return [];
    const withRun = new Set(r.runs.map((run) => run.collectedAt.slice(0, 10)));
    const values = days.map((day) => withRun.has(day)
        ? r.exceptions.filter((e) => e.firstFailedAt.slice(0, 10) <= day && (!e.resolvedAt || e.resolvedAt.slice(0, 10) > day)).length
        : 0);
    return [
        '## Failing findings per day',
        '',
        '```mermaid',
        'xychart-beta',
        '  title "Open exceptions per day (days marked \'no run\' had no inventory: a gap, not zero)"',
        `  x-axis [${days.map((d) => `"${d.slice(5)}${withRun.has(d) ? '' : ' no run'}"`).join(', ')}]`,
        `  y-axis "open exceptions" 0 --> ${Math.max(1, ...values)}`,
        `  bar [${values.join(', ')}]`,
        '```',
        '',
    ];
}

;// CONCATENATED MODULE: ./src/modes/report.ts
// `collect: report`, and the monthly report `collect: auto` writes once after a month ends: a period report built
// from the evidence repository alone (no Heroku request), with each run's commit and each exception's issue, and
// committed in one commit to `reports/<period>/`. Each run is judged by the policy it recorded (policy.json), never
// by the workspace's policy file, so that the command line on a clone reproduces the committed report.
















/** Whether `collect: auto` owes the last full month's report: the month had runs and has no report yet. */
function monthlyReportDue(state, now) {
    const month = lastFullMonth(now).name;
    return state.lastMonthlyReport !== month && state.runs.some((r) => r.collectedAt.startsWith(month));
}
/** `collect: report`: the period asked for (by default the last full month), with outputs and job summary. */
async function reportMode(inputs, now) {
    const period = inputs.reportPeriod ?? lastFullMonth(now);
    const github = context_github(inputs.githubToken);
    const repository = evidenceRepository(github, inputs);
    if (!inputs.dryRun && !inputs.allowPublicRepository)
        await refusePublic(github, repository, inputs);
    const { report, files, commit } = await core/* group */.Os(`Period report ${period.name}`, async () => {
        if (!inputs.dryRun)
            return publishReport(github, repository, inputs, { period, now });
        const head = await repository.head();
        const read = (path) => repository.read(inEvidence(inputs.evidencePath, path), head.commit);
        const built = await generateReport(read, { period, now, tool: TOOL });
        return { report: built, files: renderReport(built), commit: null };
    });
    const local = (0,external_node_path_.join)(inputs.outputDirectory, reportFolder(period.name));
    await writeLocal(local, files);
    await jobSummary(files.get('REPORT.md'));
    const folder = inEvidence(inputs.evidencePath, reportFolder(period.name));
    setOutputs({
        evidenceCommit: commit ?? '',
        evidenceUrl: commit ? `${repoUrl(inputs.evidenceRepository)}/tree/${commit}/${folder}` : '',
        runPath: folder,
        // Exceptions still failing at the period's end.
        failedControls: report.exceptions.filter((e) => e.resolvedAt === null).length,
        findingsFile: (0,external_node_path_.join)(local, 'report.json'),
    });
    logDone(period, report);
}
/** The last full month's report, after a `collect: auto` run that committed evidence (its client and repository). */
async function monthlyReport(inputs, now, run) {
    const period = lastFullMonth(now);
    const { report, files } = await core/* group */.Os(`Period report ${period.name}`, () => publishReport(run.github, run.repository, inputs, { period, now, recordMonth: true }));
    await writeLocal((0,external_node_path_.join)(inputs.outputDirectory, reportFolder(period.name)), files);
    logDone(period, report);
}
function evidenceRepository(github, inputs) {
    return new EvidenceRepository(github, inputs.evidenceRepository, {
        branch: inputs.evidenceBranch,
        serverUrl: serverUrl(),
    });
}
function logDone(period, report) {
    info(`Period ${period.name}: ${report.runs.length} runs, ${report.exceptions.length} exceptions, ${report.schedule.missedDays.length} missed days, chain ${report.chain.verified ? 'verified' : 'broken'}.`);
}
/** Builds the report from the repository's head and commits its files in one commit. */
async function publishReport(github, repository, inputs, options) {
    const root = inputs.evidencePath;
    const { period } = options;
    const head = await repository.head();
    // Each file is read once: the run commits and the report share the ledger's monthly files.
    const cache = new Map();
    const read = (path) => {
        if (!cache.has(path))
            cache.set(path, repository.read(inEvidence(root, path), head.commit));
        return cache.get(path);
    };
    const issues = await issueLinks(github, inputs.issuesRepository);
    const commits = head.commit
        ? await runCommits(read, (path) => repository.commitsTouching(inEvidence(root, path), head.commit), period)
        : new Map();
    const report = await generateReport(read, { ...options, tool: TOOL, issues, commits });
    const files = renderReport(report);
    const folder = reportFolder(period.name);
    const out = new Map([...files].map(([name, text]) => [inEvidence(root, `${folder}/${name}`), text]));
    const commit = await repository.commit(async (current) => {
        if (options.recordMonth) {
            const path = inEvidence(root, STATE_FILE);
            const text = await repository.read(path, current.commit);
            if (text)
                out.set(path, stateText({ ...parseState(text, path), lastMonthlyReport: period.name }));
        }
        return {
            files: out,
            message: `Heroku evidence: ${report.provisional ? 'provisional ' : ''}period report ${period.name}: ${report.runs.length} runs, ${report.exceptions.length} exceptions${report.chain.verified ? '' : `, ${report.chain.breaks.length} chain breaks`}\n`,
        };
    });
    info(`Period report ${period.name} committed: ${commit.sha}.`);
    return { report, commit: commit.sha, files };
}
/** Issue URLs by fingerprint. A convenience: a token that cannot list issues still gets its report, without them. */
async function issueLinks(github, repo) {
    const links = new Map();
    const existing = await listIssues(github, repo).catch((error) => {
        info(`Issues could not be listed (${error.message}); the report links none.`);
        return [];
    });
    for (const issue of existing) {
        const fp = readFingerprint(issue.body);
        if (fp)
            links.set(fp, `${repoUrl(repo)}/issues/${issue.number}`);
    }
    return links;
}

;// CONCATENATED MODULE: ./src/modes/collect.ts
// `collect: inventory | audit | all | auto`: the pipeline, one named step each: read what the evidence repository
// holds → collect from Heroku → evaluate the controls → assemble and commit the run → sync issues → outputs,
// summary, artifact and annotations. `auto` then writes last month's period report once.





















async function collectMode(heroku, inputs, policy, now) {
    await inventoryRun(inputs, policy, now, (before) => core/* group */.Os('Collect from Heroku', () => collectSnapshot(heroku, inputs, policy, before, now)));
}
/**
 * Everything a run does around its collection: the evidence repository read first, then evaluate, one commit, the
 * issues synced once, outputs, summary, artifact. `gather` is the collection itself: this job's own walk, or the
 * parts of a sharded one joined (collect: merge).
 */
async function inventoryRun(inputs, policy, now, gather) {
    const github = inputs.githubToken ? context_github(inputs.githubToken) : undefined;
    const repository = github
        ? new EvidenceRepository(github, inputs.evidenceRepository, {
            branch: inputs.evidenceBranch,
            serverUrl: serverUrl(),
        })
        : undefined;
    // Nothing private is published by accident: checked before anything is collected or written.
    if (github && repository && !inputs.dryRun && !inputs.allowPublicRepository)
        await refusePublic(github, repository, inputs);
    const before = await core/* group */.Os('Read the evidence repository', () => currentState(repository, inputs));
    const snapshot = await gather(before);
    const evaluated = new Set(evaluatedControls(snapshot).map((c) => c.id));
    const findings = await core/* group */.Os('Evaluate controls', async () => {
        const list = evaluate(snapshot, policy, now);
        const c = countFindings(list);
        info(`${c.pass} passed, ${c.fail} failed, ${c.waived} waived, ${c.error} could not be evaluated.`);
        return list;
    });
    const { run, commit } = await commitRun(repository, inputs, snapshot, { findings, evaluated, policy }, before);
    const root = inputs.evidencePath;
    const local = await writeLocal(inputs.outputDirectory, run.files);
    const findingsFile = (0,external_node_path_.join)(inputs.outputDirectory, run.runPath ?? '.', RUN_FILES.findings);
    if (!run.runPath)
        await writeLocal(inputs.outputDirectory, run.findingsFile);
    info(`Evidence folder written to ${inputs.outputDirectory}.`);
    const evidenceRepoUrl = repoUrl(inputs.evidenceRepository);
    // The outputs are set before the issues step: the evidence is committed, whatever GitHub says of issues.
    const runFolderUrl = commit && run.runPath
        ? `${evidenceRepoUrl}/tree/${commit.sha}/${inEvidence(root, run.runPath)}`
        : undefined;
    setOutputs({
        evidenceCommit: commit?.sha ?? '',
        evidenceUrl: runFolderUrl ?? commit?.url ?? '',
        runPath: run.runPath ? inEvidence(root, run.runPath) : '',
        failedControls: run.findings.filter((f) => f.status === 'fail').length,
        findingsFile,
    });
    const issueReport = await core/* group */.Os('Sync issues', async () => {
        try {
            return await syncIssues(snapshot, run.findings, policy, {
                github,
                repo: inputs.issuesRepository,
                apply: inputs.createIssues && !inputs.dryRun,
                dryRun: inputs.dryRun,
                maxNewIssues: inputs.maxNewIssues,
                evaluated,
                observe: run.observe,
                policySha256: policySha256(policy),
                link: {
                    repoUrl: evidenceRepoUrl,
                    commit: commit?.sha ?? null,
                    findingsPath: run.runPath ? inEvidence(root, `${run.runPath}/${RUN_FILES.findings}`) : null,
                },
                log: info,
            });
        }
        catch (error) {
            throw issuesRefused(error, inputs, commit);
        }
    });
    await jobSummary(renderJobSummary({
        summary: run.summary,
        issues: issueReport,
        findings: run.findings,
        gaps: snapshot.gaps.length,
        since: run.since,
        collected: [snapshot.collected.inventory ? 'inventory' : '', snapshot.collected.audit ? 'audit trail' : '']
            .filter(Boolean)
            .join(' and ') || 'nothing due',
        commit: commit ? { sha: commit.sha, url: commit.url } : undefined,
        runFolderUrl,
        summaryUrl: commit && run.runPath
            ? `${evidenceRepoUrl}/blob/${commit.sha}/${inEvidence(root, `${run.runPath}/${RUN_FILES.summary}`)}`
            : undefined,
        issuesUrl: inputs.createIssues && !inputs.dryRun
            ? `${repoUrl(inputs.issuesRepository)}/issues?q=${encodeURIComponent(`is:open label:${LABEL}`).replace(/%20/g, '+')}`
            : null,
    }));
    annotate(snapshot.gaps, run.findings);
    if (inputs.uploadArtifact)
        await uploadArtifact(`heroku-evidence-${snapshot.collectedAt.replace(/[:.]/g, '')}`, inputs.outputDirectory, local, { github, allowPublic: inputs.allowPublicRepository });
    failOn(inputs.failOn, snapshot.gaps.length, run.findings);
    // The first run after a month ends also writes that month's report, judged on the state just committed (with the
    // client and repository already read). The evidence is committed by then: a report that cannot be written is a
    // warning, tried again next run.
    if (inputs.collect === 'auto' && commit && github && repository && monthlyReportDue(run.state, now))
        await monthlyReport(inputs, now, { github, repository }).catch((error) => core/* warning */.$e(`The monthly period report could not be written: ${error.message}`));
}
const NO_INVENTORY = { teams: [], endpointApps: [], files: new Map() };
/**
 * What the walk needs of the last inventory (for `collect: plan`, which hands it to the shards): read as a run reads
 * it; nothing, with a warning, when the repository cannot be read (the shards then read SNI endpoints only where a
 * custom domain needs them).
 */
async function lastInventory(inputs) {
    if (!inputs.githubToken)
        return NO_INVENTORY;
    const repository = new EvidenceRepository(context_github(inputs.githubToken), inputs.evidenceRepository, {
        branch: inputs.evidenceBranch,
        serverUrl: serverUrl(),
    });
    try {
        return (await currentState(repository, { ...inputs, dryRun: false }, false)).inventory;
    }
    catch (error) {
        core/* warning */.$e(`The last inventory could not be read (${error.message}); planning without it.`);
        return NO_INVENTORY;
    }
}
/**
 * The repository's state.json and the commit it was read at, and what its last inventory recorded: the teams and
 * SNI endpoints for the walk, and with `runFiles` (a run, not a plan) the files the commit builds on.
 */
async function currentState(repository, inputs, runFiles = true) {
    if (!repository)
        return { state: emptyState(), commit: null, inventory: NO_INVENTORY };
    try {
        const head = await repository.head();
        const state = await readState(repository, head.commit, inputs.evidencePath);
        // A dry run commits nothing and builds on nothing (nothingBefore): it reads only what the walk needs.
        const inventory = await readPreviousInventory(repository, head.commit, inputs.evidencePath, state, runFiles && !inputs.dryRun);
        return { state, commit: head.commit, inventory };
    }
    catch (error) {
        // A dry run still works where the repository cannot be read: it then starts from nothing.
        if (!inputs.dryRun)
            throw error;
        core/* notice */.lm(`dry-run: the evidence repository could not be read (${error.message}); starting from an empty state.`);
        return { state: emptyState(), commit: null, inventory: NO_INVENTORY };
    }
}
/** What this run reads: an inventory when due (or asked for), and the audit days not yet complete. */
async function collectSnapshot(heroku, inputs, policy, before, now) {
    const { state } = before;
    const inventory = inputs.collect === 'inventory' ||
        inputs.collect === 'all' ||
        (inputs.collect === 'auto' && inventoryDue(state, inputs.inventoryIntervalMs, now));
    const audit = inputs.collect !== 'inventory' && Boolean(inputs.enterpriseAccount);
    const auditDays = audit ? auditDaysToFetch(now, inputs.auditBackfillDays, completeAuditDays(state)) : [];
    if (inputs.collect === 'auto')
        info(inventory
            ? 'Inventory is due.'
            : `Inventory not due (last at ${state.lastInventoryAt}); collecting the audit trail only.`);
    return collect(heroku, {
        token: inputs.herokuApiToken,
        enterprise: inputs.enterpriseAccount,
        teams: inputs.teams,
        inventory,
        auditDays,
        now,
        log: info,
        knownTeams: before.inventory.teams,
        knownEndpointApps: before.inventory.endpointApps,
        auditWindowStart: auditWindowStart(now, inputs.auditBackfillDays),
        productionApps: policy.productionApps,
        inboundRules: Boolean(policy.allowedInboundCidrs?.length),
    });
}
/** Assembles the run and commits it (none in a dry run): rebuilt from the head it lands on if the branch moved. */
async function commitRun(repository, inputs, snapshot, evaluation, before) {
    const assemble = (previous) => assembleRun({ snapshot, ...evaluation, previous, tool: TOOL, runUrl: workflowRunUrl() });
    if (inputs.dryRun || !repository)
        return { run: assemble(nothingBefore(before.state)), commit: null };
    const root = inputs.evidencePath;
    let run;
    const commit = await core/* group */.Os('Commit the evidence', () => repository.commit(async (head) => {
        // Built from the head being committed on, so that a moved branch is merged, not overwritten.
        const previous = await readPrevious(repository, head.commit, root, snapshot.auditDays.map((d) => d.day), head.commit === before.commit ? { state: before.state, files: before.inventory.files } : undefined, snapshot.collected.inventory ? ledgerFile(snapshot.collectedAt) : undefined);
        run = assemble(previous);
        return { files: run.files.renamed((path) => inEvidence(root, path)), message: run.message };
    }));
    const where = `${inputs.evidenceRepository.owner}/${inputs.evidenceRepository.repo}@${commit.branch}`;
    info(commit.created
        ? `Committed ${commit.sha} to ${where}.`
        : `Nothing new to commit: ${where} already holds this evidence.`);
    return { run: run, commit };
}
/** GitHub refusing the issues step is an expected failure: the evidence is committed, and one sentence says why. */
function issuesRefused(error, inputs, commit) {
    const status = statusOf(error);
    const repo = `${inputs.issuesRepository.owner}/${inputs.issuesRepository.repo}`;
    const committed = commit ? `The evidence is committed (${commit.sha}).` : 'No evidence was committed.';
    if (status === 410)
        return new IssuesError(`Issues are disabled on ${repo} (410): enable them in the repository's settings, point \`issues-repository\` at one that has them, or set \`create-issues: false\`. ${committed}`);
    if (status !== 403 && status !== 404)
        return error;
    return new IssuesError(`GitHub refused the issues step (${status}) on ${repo}: the token needs \`issues: write\` there (add \`permissions: issues: write\` to the job, or grant it to the App or PAT), or set \`create-issues: false\`. ${commit ? `The evidence is committed (${commit.sha}).` : 'No evidence was committed.'}`);
}

;// CONCATENATED MODULE: ./src/heroku/privilege.ts
// Least privilege, as check-connection reports it: the token's scopes, expiry and age, and the service account's
// enterprise permissions and team roles; for each, what a missing one costs the evidence and which excess could go.
// Scopes are Heroku's (Dev Center, "OAuth", Scopes): `identity` reads the account, `read` apps and resources
// without config vars, `read-protected` the same with config vars, `global` everything and writes too.

const privilege_DAY_MS = 86_400_000;
const privilege_EXPIRY_WARNING_DAYS = 14;
const LEAST_SCOPES = 'identity,read-protected';
const CREATE = `\`heroku authorizations:create --description "Heroku Evidence" --scope ${LEAST_SCOPES} --expires-in 7776000\` (90 days), as the service account`;
// Scopes that let the token change things: the action only ever sends GET.
const WRITING = ['global', 'write', 'write-protected'];
/** The token's scopes: what is missing (and what that costs), and what could be dropped. */
function scopeCheck(auth) {
    const scopes = new Set(auth.scope);
    const all = scopes.has('global');
    const missing = [];
    if (!all && !scopes.has('identity'))
        missing.push('identity (the account and its authorizations: HEROKU-TOKEN-1 cannot judge the token)');
    if (!all && !scopes.has('read-protected') && !scopes.has('write-protected'))
        missing.push(scopes.has('read') || scopes.has('write')
            ? 'read-protected (config var names: HEROKU-CONFIG-1 is an error and HEROKU-COVERAGE-1 fails for every app)'
            : 'read-protected (teams, apps, add-ons, domains, pipelines and config var names: almost everything)');
    const excess = [...scopes].filter((s) => WRITING.includes(s));
    const detail = `scopes ${[...scopes].sort().join(', ') || 'none'}${missing.length ? `; missing ${missing.join('; ')}` : ''}`;
    if (missing.length)
        return { what: 'Token scopes', ok: false, detail, fix: `Create a token with ${CREATE}.` };
    return {
        what: 'Token scopes',
        ok: true,
        advice: excess.length > 0,
        detail,
        fix: excess.length
            ? `Could drop ${excess.map((s) => `\`${s}\``).join(', ')}: it lets the token change apps and the account, and the action only reads. ${LEAST_SCOPES} reads the same: ${CREATE}.`
            : '',
    };
}
/** The token's age against `tokenMaxAgeDays` and its expiry, as HEROKU-TOKEN-1 will judge them. */
function lifetimeCheck(auth, now, maxAgeDays) {
    const age = Math.floor((now.getTime() - Date.parse(auth.createdAt)) / privilege_DAY_MS);
    const created = `created ${auth.createdAt.slice(0, 10)} (${age} days ago; the policy's tokenMaxAgeDays is ${maxAgeDays})`;
    const rotate = `Rotate it: ${CREATE}, update the secret, then \`heroku authorizations:revoke ${auth.id}\`.`;
    if (!auth.expiresAt)
        return {
            what: 'Token expiry',
            ok: age <= maxAgeDays,
            advice: true,
            detail: `${created}; never expires`,
            fix: `A token that never expires stays useful to whoever copies it. ${rotate}`,
        };
    const left = Math.floor((Date.parse(auth.expiresAt) - now.getTime()) / privilege_DAY_MS);
    const soon = left < privilege_EXPIRY_WARNING_DAYS;
    return {
        what: 'Token expiry',
        ok: age <= maxAgeDays && !soon,
        advice: true,
        detail: `${created}; expires ${auth.expiresAt.slice(0, 10)} (in ${left} days)`,
        fix: age > maxAgeDays || soon ? rotate : '',
    };
}
/** The enterprise permissions the service account holds: `view` for members and teams, `manage` for the trail. */
function enterpriseCheck(permissions) {
    const has = new Set(permissions);
    const missing = [];
    if (!has.has('view') && !has.has('manage'))
        missing.push('view (enterprise members and teams: the access review sees team members only)');
    if (!has.has('manage'))
        missing.push('manage (the audit trail: HEROKU-AUDIT-1 is an error and audit/ stays empty)');
    const excess = permissions.filter((p) => p === 'create' || p === 'billing');
    return {
        what: 'Enterprise permissions',
        ok: missing.length === 0,
        advice: missing.length === 0 && excess.length > 0,
        detail: `${permissions.join(', ') || 'none'}${missing.length ? `; missing ${missing.join('; ')}` : ''}`,
        fix: [
            missing.length
                ? 'Enterprise > Members > the service account > permissions: add what is missing (`manage` only if you want the audit trail; the action itself only ever sends GET).'
                : '',
            excess.length
                ? `Could drop ${excess.map((p) => `\`${p}\``).join(', ')}: the action never uses it.`
                : '',
        ]
            .filter(Boolean)
            .join(' '),
    };
}
/** The team roles: `admin` is what reads every app's permissions (`/teams/{team}/permissions`). */
function teamRoleCheck(teams, email) {
    const notAdmin = teams
        .filter((t) => t.role !== 'admin')
        .map((t) => `${t.name} (${t.role ?? 'no role'})`)
        .sort();
    const admin = teams.length - notAdmin.length;
    return {
        what: 'Team roles',
        ok: notAdmin.length === 0,
        detail: `admin in ${admin} of ${teams.length} teams${notAdmin.length ? `; not admin in ${notAdmin.join(', ')}: the permissions of their apps cannot be read, so HEROKU-ACCESS-5 is an error for their production apps` : ''}`,
        fix: notAdmin.length
            ? `${codeSpan(`heroku members:set ${email} --role admin --team <team>`)} for each, and list ${codeSpan(email)} in the policy's \`serviceAccounts\`.`
            : '',
    };
}
/** The collector's own account, which its admin role and `manage` make count toward ACCESS-1/2 unless listed. */
function serviceAccountCheck(email, serviceAccounts) {
    const listed = serviceAccounts.includes(email.toLowerCase());
    return {
        what: 'Service account in the policy',
        ok: listed,
        advice: true,
        detail: listed
            ? `${email} is in serviceAccounts: its admin role and manage are named, not counted, by HEROKU-ACCESS-1 and -2`
            : `${email} is not in the policy's serviceAccounts: its admin role counts toward HEROKU-ACCESS-1 and its manage toward HEROKU-ACCESS-2`,
        fix: listed ? '' : `Add ${codeSpan(`serviceAccounts: [${email}]`)} to the policy file.`,
    };
}

;// CONCATENATED MODULE: ./src/heroku/connection.ts
// `collect: check-connection`: a short run that tells what the token can and cannot read, and how to fix each
// missing piece. It changes nothing and writes no evidence.






async function checkConnection(client, options) {
    const checks = [];
    const probe = async (what, resource, fn, describe) => {
        try {
            const value = await fn();
            checks.push({ what, ok: true, detail: describe(value), fix: '' });
            return value;
        }
        catch (error) {
            if (!isGap(error))
                throw error;
            checks.push({ what, ok: false, detail: error.message, fix: fixFor(resource) });
            return undefined;
        }
    };
    // A rejected token throws from here: the only failure that makes check-connection fail.
    const account = await client.get('/account', records_account);
    checks.push({ what: 'Account', ok: true, detail: `token of ${account.email}`, fix: '' });
    // The token is compared in memory only, to recognise its own authorization; only its metadata is kept.
    const authorizations = await probe('Token authorization', 'authorization', () => client.list('/oauth/authorizations', authorization), (list) => `${list.length} authorizations readable`);
    const mine = authorizations && tokenAuthorization(authorizations, options.token, options.now);
    if (mine) {
        checks.at(-1).detail = `authorization ${mine.id} (${mine.description ?? 'no description'})`;
        checks.push(scopeCheck(mine), lifetimeCheck(mine, options.now, options.policy.tokenMaxAgeDays));
    }
    else if (authorizations) {
        checks.push({
            what: 'Token scopes',
            ok: false,
            detail: 'the token in use is not among the account’s authorizations, so its scopes, age and expiry are unknown',
            fix: 'Use a token made with `heroku authorizations:create` (not a session token) as the service account.',
        });
    }
    checks.push(serviceAccountCheck(account.email, options.policy.serviceAccounts));
    let enterpriseTeams;
    if (options.enterprise) {
        const id = encodeURIComponent(options.enterprise);
        const enterprise = await probe('Enterprise account', 'enterprise-account', () => client.get(`/enterprise-accounts/${id}`, records_enterpriseAccount), (e) => e.name);
        if (enterprise) {
            checks.push(enterpriseCheck(enterprise.permissions ?? []));
            enterpriseTeams = await probe('Enterprise teams', 'enterprise-teams', () => client.list(`/enterprise-accounts/${encodeURIComponent(enterprise.id)}/teams`, team), (t) => `${t.length} teams in the enterprise`);
            await probe('Enterprise members', 'enterprise-members', () => client.list(`/enterprise-accounts/${encodeURIComponent(enterprise.id)}/members`, enterpriseMember), (m) => `${m.length} members`);
            await probe('Audit trail', 'audit-trail', () => client.list(`/enterprise-accounts/${encodeURIComponent(enterprise.id)}/events?day=${options.now.toISOString().slice(0, 10)}`, auditEvent), (e) => `${e.length} events today`);
        }
    }
    else {
        checks.push({
            what: 'Enterprise account',
            ok: false,
            detail: 'no enterprise-account input',
            fix: 'Set `enterprise-account` to collect enterprise members and the audit trail.',
        });
    }
    const teams = (await probe('Teams', 'teams', () => client.list('/teams', team), (t) => `${t.length} teams visible`)) ?? [];
    const wanted = options.teams.length ? teams.filter((t) => options.teams.includes(t.name)) : teams;
    if (wanted.length)
        checks.push(teamRoleCheck(wanted, account.email));
    // The same teams an inventory would report as gaps: the enterprise's teams (or those asked for) the token
    // cannot see.
    const expected = new Set([
        ...(enterpriseTeams ?? [])
            .map((t) => t.name)
            .filter((n) => !options.teams.length || options.teams.includes(n)),
        ...options.teams,
    ]);
    for (const name of [...expected].filter((n) => !teams.some((t) => t.name === n)).sort()) {
        checks.push({ what: `Team ${name}`, ok: false, detail: 'not visible to the token', fix: fixFor('team') });
    }
    let sampleApp;
    for (const team of wanted) {
        const t = encodeURIComponent(team.name);
        await probe(`Team ${team.name}: members`, 'team-members', () => client.list(`/teams/${t}/members`, teamMember), (m) => `${m.length} members`);
        const apps = await probe(`Team ${team.name}: apps`, 'team-apps', () => client.list(`/teams/${t}/apps`, app), (a) => `${a.length} apps`);
        sampleApp ??= apps?.[0];
    }
    if (sampleApp) {
        const app = sampleApp;
        await probe(`Config var names (sample app ${app.name})`, 'config-var-names', () => client.configVarNames(app.id), (names) => `${names.length} names readable`);
    }
    return checks;
}

;// CONCATENATED MODULE: ./src/modes/connection.ts




async function connectionMode(heroku, inputs, policy, now) {
    const checks = await checkConnection(heroku, {
        token: inputs.herokuApiToken,
        enterprise: inputs.enterpriseAccount,
        teams: inputs.teams,
        now,
        policy,
    });
    const markdown = [
        '# Heroku Evidence: connection check',
        '',
        table(['what', 'status', 'detail', 'how to fix'], 
        // `no`: the evidence would have a gap there; `advice`: readable, but the set-up can be tightened.
        checks.map((c) => [
            c.what,
            !c.ok && !c.advice ? 'no' : c.fix ? 'advice' : 'yes',
            c.detail,
            { raw: c.fix },
        ])),
        '',
    ].join('\n');
    for (const c of checks)
        info(`${c.ok ? '✔' : '✘'} ${c.what}: ${c.detail}${c.fix ? ` → ${c.fix}` : ''}`);
    await jobSummary(markdown);
    const missing = checks.filter((c) => !c.ok && !c.advice).length;
    const advice = checks.filter((c) => c.fix && (c.ok || c.advice)).length;
    info(`${missing
        ? `${missing} of ${checks.length} checks cannot read their data; the evidence would have gaps there.`
        : 'The token can read everything.'}${advice ? ` ${advice} piece(s) of advice on least privilege and rotation: see the job summary.` : ''}`);
}

;// CONCATENATED MODULE: ./src/modes/plan.ts
// `collect: plan`: the first job of a sharded collection. Lists the teams, gives each to one shard by a stable hash
// of its id, and writes plan.json for the matrix jobs (`shard`) and the final job (`merge`). Commits nothing.









const PLAN_SCHEMA = 'heroku-evidence/plan@1';
const PLAN_FILE = 'plan.json';
async function planMode(heroku, inputs, policy, now) {
    const plan = await core/* group */.Os('Plan the shards', async () => {
        const [{ enterprise, teams }, last] = await Promise.all([
            listTeams(heroku, inputs),
            lastInventory(inputs),
        ]);
        return makePlan(teams, inputs.shards, enterprise, last.endpointApps, policy.productionApps, now);
    });
    await (0,promises_.mkdir)(inputs.shardDir, { recursive: true });
    await (0,promises_.writeFile)((0,external_node_path_.join)(inputs.shardDir, PLAN_FILE), toJson(plan));
    const matrix = plan.shards.map((s) => s.shard);
    core/* setOutput */.uH('matrix', JSON.stringify(matrix));
    for (const s of plan.shards)
        info(`Shard ${s.shard}: ${s.teams.length} team(s).`);
    info(`Plan ${plan.digest} written to ${(0,external_node_path_.join)(inputs.shardDir, PLAN_FILE)}; matrix ${JSON.stringify(matrix)}.`);
}
/** The enterprise's teams with `enterprise-account`, else the token's, narrowed by `teams`. */
async function listTeams(heroku, inputs) {
    let enterprise = null;
    let listed;
    if (inputs.enterpriseAccount) {
        const id = encodeURIComponent(inputs.enterpriseAccount);
        const account = await heroku.get(`/enterprise-accounts/${id}`, records_enterpriseAccount);
        enterprise = { id: account.id, name: account.name };
        listed = await heroku.list(`/enterprise-accounts/${encodeURIComponent(account.id)}/teams`, team);
    }
    else {
        listed = await heroku.list('/teams', team);
    }
    const wanted = new Set(inputs.teams);
    const teams = listed
        .filter((t) => wanted.size === 0 || wanted.has(t.name))
        .map((t) => ({ id: t.id, name: t.name }));
    // A team asked for by name that the plan's token cannot list still gets a shard: its token may see it, and if
    // not, the merge reports it as a gap.
    for (const name of wanted)
        if (!teams.some((t) => t.name === name))
            teams.push({ id: '', name });
    return { enterprise, teams };
}
/** Each team goes to the shard its id hashes to, so that a team stays with the same shard from one plan to the next. */
function makePlan(teams, count, enterprise, knownEndpointApps, productionApps, now) {
    const shards = Array.from({ length: count }, (_, i) => ({ shard: i + 1, teams: [] }));
    for (const team of teams)
        shards[shardOf(team, count) - 1].teams.push(team);
    for (const s of shards)
        s.teams.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const body = {
        schema: PLAN_SCHEMA,
        createdAt: now.toISOString(),
        enterprise,
        shards,
        knownEndpointApps: [...knownEndpointApps].sort(),
        productionApps: [...productionApps].sort(),
    };
    return { ...body, digest: planDigest(body) };
}
function shardOf(team, count) {
    return (Number.parseInt(sha256(team.id || `name:${team.name}`).slice(0, 12), 16) % count) + 1;
}
function planDigest(plan) {
    return sha256(toJson(plan));
}
/** The plan in `dir`, checked against its own digest. */
async function readPlan(dir) {
    const path = (0,external_node_path_.join)(dir, PLAN_FILE);
    let plan;
    try {
        plan = JSON.parse(await (0,promises_.readFile)(path, 'utf8'));
    }
    catch (error) {
        throw new ShardError(`${path} could not be read (${error.message}): download the plan job's artifact into \`shard-dir\` before this step.`);
    }
    const { digest, ...body } = plan;
    if (plan.schema !== PLAN_SCHEMA || !Array.isArray(plan.shards) || digest !== planDigest(body))
        throw new ShardError(`${path} is not a plan written by \`collect: plan\`, or was changed after it.`);
    return plan;
}

;// CONCATENATED MODULE: ./src/modes/shard.ts
// `collect: shard`: one matrix job of a sharded collection. Reads its own teams of the plan with its own token (so
// paced on its own account's rate-limit pool) and writes its part to `<shard-dir>/shard-<n>/shard.json`. Commits
// nothing and opens nothing; the account-wide reads (enterprise members, audit trail) are the merge's.
// The part travels as a workflow artifact, which anyone who can read the repository can download: it holds config
// var names only (the client drops the values), as the evidence does.













const SHARD_SCHEMA = 'heroku-evidence/shard@2';
const SHARD_FILE = 'shard.json';
/** What one shard read of its teams: the per-team records of a snapshot. */
const PART_RECORDS = [
    'teamMembers',
    'teamPreferences',
    'apps',
    'appPermissions',
    'configVarNames',
    'domains',
    'sniEndpoints',
    'addons',
    'pipelineCouplings',
    'formations',
    'sniEndpointsReadFor',
    'logDrains',
    'appFeatures',
    'pipelineConfigVarNames',
    'reviewAppConfigs',
];
async function shardMode(heroku, inputs, now) {
    const plan = await readPlan(inputs.shardDir);
    const mine = plan.shards.find((s) => s.shard === inputs.shard);
    if (!mine)
        throw new ShardError(`\`shard\` is ${inputs.shard}, but the plan has ${plan.shards.length} shard(s): pass \`shard: \${{ matrix.shard }}\` with the plan's matrix.`);
    const snapshot = emptySnapshot(now.toISOString());
    const read = readInto(snapshot);
    const part = await core/* group */.Os(`Collect shard ${mine.shard} (${mine.teams.length} teams)`, async () => {
        const [budget, account, listed] = await Promise.all([
            heroku.checkRateLimit(),
            heroku.get('/account', records_account),
            mine.teams.length ? read('teams', 'account', () => heroku.list('/teams', team)) : [],
        ]);
        info(`Token belongs to ${account.email}; ${budget} requests left in its pool.`);
        // The plan's teams as this token lists them (by id; by name for a team the plan's token could not list).
        const teams = [];
        const unseen = [];
        for (const t of mine.teams) {
            const found = listed?.find((l) => (t.id ? l.id === t.id : l.name === t.name));
            if (found)
                teams.push(found);
            else
                unseen.push(t.name);
        }
        await walkTeamsInto(heroku, teams, snapshot, read, info, plan.knownEndpointApps ?? []);
        // The per-app and per-pipeline reads of the controls from HEROKU-LOG-1 on, on this shard's own pool.
        const hardened = await collectShardHardening(heroku, snapshot, read, teams, plan.productionApps ?? []);
        const records = Object.fromEntries(PART_RECORDS.map((key) => [key, snapshot[key]]));
        return {
            schema: SHARD_SCHEMA,
            shard: mine.shard,
            planDigest: plan.digest,
            account: { id: account.id, email: account.email },
            startedAt: now.toISOString(),
            endedAt: new Date().toISOString(),
            requests: heroku.requests,
            rateLimited: heroku.rateLimited,
            teams,
            unseen,
            gaps: snapshot.gaps,
            records,
            hardened,
        };
    });
    const dir = (0,external_node_path_.join)(inputs.shardDir, `shard-${mine.shard}`);
    await (0,promises_.mkdir)(dir, { recursive: true });
    await (0,promises_.writeFile)((0,external_node_path_.join)(dir, SHARD_FILE), JSON.stringify(part));
    const counts = `${part.teams.length} team(s), ${part.records.apps.length} app(s), ${part.gaps.length} gap(s), ${part.requests} request(s)`;
    info(`Shard ${part.shard}: ${counts} as ${part.account.email}; written to ${dir}.`);
    await jobSummary(`## Heroku Evidence: shard ${part.shard}\n\n${counts} as ${md(part.account.email)}. The merge job commits the evidence.\n`);
}

;// CONCATENATED MODULE: ./src/modes/merge.ts
// `collect: merge`: the last job of a sharded collection. Checks the plan and every shard's part first (a part of
// another plan, or one present twice, stops it with nothing committed), then does exactly what an inventory run
// does, with the shards' walks joined in place of its own: its own token reads the account-wide lists, the
// enterprise's members and its audit trail. A shard that did not arrive is a gap for each of its teams, and the
// issues about those teams are left as they are.













async function mergeMode(heroku, inputs, policy, now) {
    // Everything that can stop the merge is checked before the evidence repository is touched.
    const plan = await readPlan(inputs.shardDir);
    const parts = await readParts(inputs.shardDir, plan);
    const missing = plan.shards.filter((s) => !parts.has(s.shard));
    for (const s of missing)
        core/* warning */.$e(`Shard ${s.shard} did not arrive: its ${s.teams.length} team(s) are gaps in this run, and their issues are left as they are.`);
    // The shards read their production apps' log drains by the plan's globs; by other globs, this job reads them all.
    const sameProduction = JSON.stringify([...(plan.productionApps ?? [])].sort()) ===
        JSON.stringify([...policy.productionApps].sort());
    if (!sameProduction)
        core/* warning */.$e("The plan's productionApps differ from this job's policy (give the plan job the same policy input): the production apps' log drains and features are read here, not taken from the shards.");
    await inventoryRun(inputs, policy, now, (before) => core/* group */.Os(`Merge ${parts.size} of ${plan.shards.length} shard(s) and collect the account-wide lists`, async () => {
        const snapshot = await collect(heroku, {
            token: inputs.herokuApiToken,
            enterprise: inputs.enterpriseAccount,
            teams: inputs.teams,
            inventory: true,
            auditDays: inputs.enterpriseAccount
                ? auditDaysToFetch(now, inputs.auditBackfillDays, completeAuditDays(before.state))
                : [],
            now,
            log: info,
            knownTeams: before.inventory.teams,
            auditWindowStart: auditWindowStart(now, inputs.auditBackfillDays),
            productionApps: policy.productionApps,
            inboundRules: Boolean(policy.allowedInboundCidrs?.length),
            walked: walked(plan, parts, sameProduction),
        });
        return withShards(snapshot, plan, parts);
    }));
}
/** Every `shard-<n>/shard.json` under `dir`, at any depth (an artifact downloaded without `merge-multiple` keeps its own folder). */
async function readParts(dir, plan) {
    const files = (await (0,promises_.readdir)(dir, { recursive: true })).filter((path) => (0,external_node_path_.basename)(path) === SHARD_FILE && /^shard-\d+$/.test((0,external_node_path_.basename)((0,external_node_path_.dirname)(path))));
    const parts = new Map();
    const where = new Map();
    for (const file of files.sort()) {
        let part;
        try {
            part = JSON.parse(await (0,promises_.readFile)((0,external_node_path_.join)(dir, file), 'utf8'));
        }
        catch (error) {
            throw new ShardError(`${file} could not be read (${error.message}); nothing was committed.`);
        }
        if (part.schema !== SHARD_SCHEMA || !plan.shards.some((s) => s.shard === part.shard))
            throw new ShardError(`${file} is not a part of this plan's shards (1 to ${plan.shards.length}); nothing was committed.`);
        if (part.planDigest !== plan.digest)
            throw new ShardError(`${file} belongs to another plan (${String(part.planDigest).slice(0, 12)}…, this plan is ${plan.digest.slice(0, 12)}…): re-run the whole workflow, not some of its jobs; nothing was committed.`);
        const missing = malformed(part);
        if (missing)
            throw new ShardError(`${file} is not a whole shard part (${missing} missing or not a list): upload the shard's folder as the shard job wrote it; nothing was committed.`);
        const other = where.get(part.shard);
        if (other)
            throw new ShardError(`Shard ${part.shard} is present twice (${other} and ${file}): give each shard's artifact its own name; nothing was committed.`);
        where.set(part.shard, file);
        parts.set(part.shard, part);
    }
    return parts;
}
const PRODUCTION_RECORDS = new Set(PRODUCTION_APP_READS.records);
const PRODUCTION_GAPS = new Set(PRODUCTION_APP_READS.gaps);
/** The shards' walks, for the inventory to join in place of its own. */
function walked(plan, parts, sameProduction) {
    const why = new Map();
    for (const s of plan.shards) {
        const part = parts.get(s.shard);
        if (!part) {
            for (const t of s.teams)
                why.set(t.name, `Shard ${s.shard} did not arrive, so team ${t.name} was not read in this run; its issues are left as they are until a run reads it.`);
            continue;
        }
        for (const name of part.unseen)
            why.set(name, `The token of shard ${s.shard} (${part.account.email}) cannot see team ${name}. ${fixFor('team')}`);
    }
    const inPlan = new Set(plan.shards.flatMap((s) => s.teams.map((t) => t.name)));
    const arrived = [...parts.values()];
    return {
        teams: [...parts.values()].flatMap((p) => p.teams),
        unseen: [...why.keys()],
        join(snapshot) {
            for (const part of parts.values()) {
                // One by one: spreading a list of 100,000 records into push() overflows the stack.
                for (const key of PART_RECORDS) {
                    if (!sameProduction && PRODUCTION_RECORDS.has(key))
                        continue;
                    const into = snapshot[key];
                    for (const record of part.records[key])
                        into.push(record);
                }
                for (const gap of part.gaps)
                    if (sameProduction || !PRODUCTION_GAPS.has(gap.resource))
                        snapshot.gaps.push(gap);
            }
        },
        hardened: {
            apps: sameProduction ? arrived.flatMap((p) => p.hardened.apps) : [],
            pipelines: arrived.flatMap((p) => p.hardened.pipelines),
        },
        why: (team) => why.get(team) ??
            (inPlan.has(team)
                ? undefined
                : `Team ${team} is not in the plan (created after it?): the next plan gives it a shard.`),
    };
}
/** The merged run's own record of its shards; requests and timing cover the whole collection. */
function withShards(snapshot, plan, parts) {
    const records = plan.shards.map(({ shard }) => {
        const part = parts.get(shard);
        return part
            ? {
                shard,
                account: part.account.email,
                startedAt: part.startedAt,
                endedAt: part.endedAt,
                requests: part.requests,
                complete: part.gaps.length === 0 && part.unseen.length === 0,
            }
            : { shard, account: null, startedAt: null, endedAt: null, requests: null, complete: false };
    });
    const arrived = [...parts.values()];
    // The run began when its first shard did: collectedAt names the run folder and dates the collection.
    const started = arrived.map((p) => p.startedAt).sort()[0];
    return {
        ...snapshot,
        collectedAt: started && started < snapshot.collectedAt ? started : snapshot.collectedAt,
        requests: snapshot.requests + arrived.reduce((n, p) => n + p.requests, 0),
        rateLimited: snapshot.rateLimited + arrived.reduce((n, p) => n + p.rateLimited, 0),
        shards: records,
        unobservedTeams: plan.shards
            .filter((s) => !parts.has(s.shard))
            .flatMap((s) => s.teams.map((t) => t.name))
            .sort(),
    };
}
/** The first field the merge needs that a part lacks, so that a cut or edited part stops with one sentence. */
function malformed(part) {
    for (const field of ['teams', 'unseen', 'gaps'])
        if (!Array.isArray(part[field]))
            return field;
    if (!part.records || typeof part.records !== 'object')
        return 'records';
    for (const key of PART_RECORDS)
        if (!Array.isArray(part.records[key]))
            return `records.${key}`;
    if (!part.account || typeof part.account.email !== 'string')
        return 'account';
    if (!part.hardened || !Array.isArray(part.hardened.apps) || !Array.isArray(part.hardened.pipelines))
        return 'hardened';
    return null;
}

;// CONCATENATED MODULE: ./src/main.ts
// Reads the inputs and hands the run to its mode. Expected failures end in one sentence (src/errors.ts); anything
// else keeps its stack for a bug report.













async function run(now = new Date()) {
    try {
        maskToken();
        const inputs = readInputs();
        const { policy, source } = await workspacePolicy(inputs.policy, process.env.GITHUB_WORKSPACE || process.cwd());
        info(`Policy: ${source}.`);
        const heroku = new HerokuClient({
            token: inputs.herokuApiToken,
            baseUrl: inputs.herokuApiUrl,
            userAgent: USER_AGENT,
            concurrency: inputs.concurrency,
        });
        switch (inputs.collect) {
            case 'check-connection':
                return await connectionMode(heroku, inputs, policy, now);
            case 'report':
                return await reportMode(inputs, now);
            case 'plan':
                return await planMode(heroku, inputs, policy, now);
            case 'shard':
                return await shardMode(heroku, inputs, now);
            case 'merge':
                return await mergeMode(heroku, inputs, policy, now);
            default:
                return await collectMode(heroku, inputs, policy, now);
        }
    }
    catch (error) {
        if (!isExpected(error) && error instanceof Error && error.stack)
            core/* debug */.Yz(error.stack);
        core/* setFailed */.C1(isExpected(error)
            ? logLine(error.message)
            : `Unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
}


/***/ })

};
