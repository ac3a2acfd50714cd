// MedScribe browser SDK: a plain ES module served by the silo at /sdk/medscribe.js (no build step).
//
//   import { MedScribeClient, ChunkedRecorder, StreamRecorder, pollUntilDone, notifyParent, listenForScribe } from '/sdk/medscribe.js';
//   const client = new MedScribeClient({ apiKey });              // the key stays in memory; never in a URL or storage
//   const session = await client.createSession({ templates: ['soap', 'medications'] });
//   const recorder = new ChunkedRecorder(client, session.session_id, { onChunk: (c) => console.log(c) });
//   await recorder.start(await navigator.mediaDevices.getUserMedia({ audio: true }));
//   …
//   const sent = await recorder.stop();                           // every chunk acknowledged by the server
//   await client.endSession(session.session_id, sent);
//   const result = await client.pollUntilDone(session.session_id, { onUpdate: (s) => … });
//
// Live instead, when discovery's upload_methods has "stream" (lines appear while the visit goes on):
//   const live = await client.createSession({ templates: ['soap'], upload_type: 'stream' });
//   const streamer = new StreamRecorder(client, live.session_id, { onLine: (l) => show(l.speaker, l.text) });
//   await streamer.start(await navigator.mediaDevices.getUserMedia({ audio: true }));
//   …
//   const session = await streamer.stop();                       // the session's result, as GET gives it
//
// The protocol is the MedScribeAlliance API v0.1 (MSA-Version: 0.1).

export const PROTOCOL_VERSION = '0.1';

/** A protocol error: the MSA code, the HTTP status, the message and the details the server gave. */
export class MedScribeError extends Error {
  constructor(status, code, message, details) {
    super(message);
    this.name = 'MedScribeError';
    this.status = status;
    this.code = code;
    this.details = details || null;
  }

  /** True for failures worth another attempt: the network, 408, 429 and 5xx. */
  get retryable() {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }
}

const sleep = (ms, signal) => new Promise((resolve, reject) => {
  const timer = setTimeout(resolve, ms);
  if (signal) {
    signal.addEventListener('abort', () => { clearTimeout(timer); reject(signal.reason || new DOMException('Aborted', 'AbortError')); }, { once: true });
  }
});

/** The spec's polling schedule: every 2 s for the first 30 s, every 5 s until 60 s, then every 10 s. */
export function pollDelay(elapsedMs) {
  if (elapsedMs < 30000) { return 2000; }
  if (elapsedMs < 60000) { return 5000; }
  return 10000;
}

/** Session states after which polling stops. */
export const TERMINAL_STATES = ['completed', 'partial', 'failed', 'expired'];

/** A client for one MedScribeAlliance service. */
export class MedScribeClient {
  /**
   * @param {{baseUrl?: string, apiKey: string, fetch?: typeof fetch}} options
   */
  constructor({ baseUrl, apiKey, fetch: fetcher } = {}) {
    if (!apiKey) { throw new TypeError('apiKey is required'); }
    this.baseUrl = (baseUrl || globalThis.location.origin).replace(/\/$/, '');
    this.apiKey = apiKey;
    this.fetch = fetcher || globalThis.fetch.bind(globalThis);
    this.discovery = null;
    this.discoveredAt = 0;
  }

  async request(method, path, { body, headers = {}, signal, authenticated = true } = {}) {
    const all = { 'MSA-Version': PROTOCOL_VERSION, ...headers };
    if (authenticated) { all['X-API-Key'] = this.apiKey; }
    let init = { method, headers: all, signal };
    if (body !== undefined && !(body instanceof Blob) && !(body instanceof ArrayBuffer)) {
      all['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    } else if (body !== undefined) {
      init.body = body;
    }
    let response;
    try {
      response = await this.fetch(this.baseUrl + path, init);
    } catch (error) {
      if (error && error.name === 'AbortError') { throw error; }
      throw new MedScribeError(0, 'network_error', `The service could not be reached (${error && error.message ? error.message : error}).`);
    }
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = null; }
    if (!response.ok && !(response.status === 202 || response.status === 206 || response.status === 410)) {
      const error = json && json.error ? json.error : {};
      const failure = new MedScribeError(response.status, error.code || 'http_error', error.message || `HTTP ${response.status}`, error.details);
      failure.retryAfterMs = Number(response.headers.get('Retry-After')) * 1000 || 0;
      throw failure;
    }
    return { status: response.status, body: json, response };
  }

  /** The discovery document, cached for an hour as the spec suggests. */
  async discover({ force = false } = {}) {
    if (!force && this.discovery && Date.now() - this.discoveredAt < 3600000) { return this.discovery; }
    const { body } = await this.request('GET', '/.well-known/medscribealliance', { authenticated: false });
    this.discovery = body;
    this.discoveredAt = Date.now();
    return body;
  }

  /** The built-in and the tenant's own templates. */
  async templates() {
    return (await this.request('GET', '/v1/templates')).body;
  }

  /** Starts a session: `{templates, language_hint?, additional_data?, upload_type?}`. */
  async createSession(options) {
    return (await this.request('POST', '/v1/sessions', { body: options })).body;
  }

  /**
   * Uploads one chunk (a Blob) as `audio_{index}`, retrying network failures, 408, 429 and 5xx with
   * exponential backoff (and the server's Retry-After) up to `attempts` times. Resolves with the receipt.
   */
  async uploadChunk(sessionId, index, blob, { attempts = 8, signal, onRetry } = {}) {
    const type = (blob.type || 'audio/webm').split(';')[0];
    for (let attempt = 1; ; attempt++) {
      try {
        const { body } = await this.request('POST', `/v1/sessions/${encodeURIComponent(sessionId)}/audio`, {
          body: blob,
          headers: { 'Content-Type': type, 'X-Chunk-Index': String(index) },
          signal,
        });
        return body;
      } catch (error) {
        if (!(error instanceof MedScribeError) || !error.retryable || attempt >= attempts) { throw error; }
        const wait = Math.max(error.retryAfterMs || 0, Math.min(30000, 500 * 2 ** (attempt - 1)));
        if (onRetry) { onRetry({ index, attempt, wait, error }); }
        await sleep(wait, signal);
      }
    }
  }

  /** Uploads a whole recording as one file (`X-Upload-Type: complete`). */
  async uploadFile(sessionId, file, options = {}) {
    const type = (file.type || 'audio/webm').split(';')[0];
    const { body } = await this.request('POST', `/v1/sessions/${encodeURIComponent(sessionId)}/audio`, {
      body: file,
      headers: { 'Content-Type': type, 'X-Upload-Type': 'complete', 'X-Chunk-Index': '0' },
      signal: options.signal,
    });
    return body;
  }

  /** Ends the session; `audioFilesSent` lets the server check that every chunk arrived. */
  async endSession(sessionId, audioFilesSent) {
    const body = audioFilesSent === undefined ? undefined : { audio_files_sent: audioFilesSent };
    return (await this.request('POST', `/v1/sessions/${encodeURIComponent(sessionId)}/end`, { body })).body;
  }

  /** The session's status and, once finished, its results. */
  async getSession(sessionId, { signal } = {}) {
    return (await this.request('GET', `/v1/sessions/${encodeURIComponent(sessionId)}`, { signal })).body;
  }

  /** Polls with the spec's intervals until the session is completed, partial, failed or expired. */
  async pollUntilDone(sessionId, { onUpdate, signal } = {}) {
    return pollUntilDone(this, sessionId, { onUpdate, signal });
  }

  /** The finished session as a FHIR R4 Bundle (a parsed object). */
  async fhir(sessionId) {
    return (await this.request('GET', `/v1/sessions/${encodeURIComponent(sessionId)}/fhir`)).body;
  }
}

/** Polls `client.getSession` on the spec's schedule; network blips are retried, not fatal. */
export async function pollUntilDone(client, sessionId, { onUpdate, signal } = {}) {
  const started = Date.now();
  for (;;) {
    try {
      const session = await client.getSession(sessionId, { signal });
      if (onUpdate) { onUpdate(session); }
      if (TERMINAL_STATES.includes(session.status)) { return session; }
    } catch (error) {
      if (!(error instanceof MedScribeError) || !error.retryable) { throw error; }
    }
    await sleep(pollDelay(Date.now() - started), signal);
  }
}

/**
 * Records from a MediaStream with MediaRecorder (WebM/Opus where the browser has it) in chunks of at
 * most the service's advertised duration, and uploads them in order. A chunk stays in memory until the
 * server has acknowledged it; failures are retried with backoff, and a chunk is never skipped.
 */
export class ChunkedRecorder {
  /**
   * @param {MedScribeClient} client
   * @param {string} sessionId
   * @param {{chunkSeconds?: number, mimeType?: string, onChunk?: Function, onRetry?: Function, onError?: Function}} options
   */
  constructor(client, sessionId, options = {}) {
    this.client = client;
    this.sessionId = sessionId;
    this.options = options;
    this.queue = [];
    this.next = 0;
    this.acknowledged = 0;
    this.uploading = null;
    this.failed = null;
  }

  /** The chunk length: the caller's, capped by discovery's max_chunk_duration_seconds (15 s by default). */
  async chunkMilliseconds() {
    const discovery = await this.client.discover();
    const max = discovery && discovery.capabilities ? discovery.capabilities.max_chunk_duration_seconds : 20;
    return Math.max(1, Math.min(this.options.chunkSeconds || 15, max)) * 1000;
  }

  async start(stream) {
    const mimeType = this.options.mimeType
      || ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus', 'audio/webm'].find((t) => globalThis.MediaRecorder.isTypeSupported(t));
    this.recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    this.recorder.ondataavailable = (event) => {
      if (event.data && event.data.size > 0) { this.enqueue(event.data); }
    };
    this.stopped = new Promise((resolve) => { this.recorder.onstop = resolve; });
    this.recorder.start(await this.chunkMilliseconds());
  }

  enqueue(blob) {
    const chunk = { index: this.next++, blob, state: 'queued', attempts: 0 };
    this.queue.push(chunk);
    this.report(chunk);
    this.pump();
  }

  report(chunk) {
    if (this.options.onChunk) { this.options.onChunk({ index: chunk.index, state: chunk.state, bytes: chunk.blob ? chunk.blob.size : 0, receipt: chunk.receipt || null }); }
  }

  pump() {
    if (this.uploading || this.queue.length === 0) { return this.uploading; }
    const chunk = this.queue[0];
    chunk.state = 'uploading';
    this.report(chunk);
    this.uploading = (async () => {
      for (;;) {
        try {
          chunk.receipt = await this.client.uploadChunk(this.sessionId, chunk.index, chunk.blob, {
            onRetry: (retry) => { chunk.state = 'retrying'; this.report(chunk); if (this.options.onRetry) { this.options.onRetry(retry); } },
          });
          break;
        } catch (error) {
          // Out of quick retries: keep the chunk, tell the caller, and try again after a pause.
          if (error instanceof MedScribeError && !error.retryable) { this.failed = error; chunk.state = 'failed'; this.report(chunk); if (this.options.onError) { this.options.onError(error); } return; }
          chunk.state = 'waiting';
          this.report(chunk);
          if (this.options.onError) { this.options.onError(error); }
          await sleep(10000);
        }
      }
      chunk.state = 'acknowledged';
      this.report(chunk);
      chunk.blob = null;
      this.queue.shift();
      this.acknowledged++;
      this.uploading = null;
      return this.pump();
    })();
    return this.uploading;
  }

  /** Stops recording and resolves with the number of chunks once every one is acknowledged. */
  async stop() {
    if (this.recorder && this.recorder.state !== 'inactive') {
      this.recorder.stop();
      await this.stopped;
    }
    for (const track of this.recorder ? this.recorder.stream.getTracks() : []) { track.stop(); }
    while (this.queue.length > 0) {
      if (this.failed) { throw this.failed; }
      await (this.pump() || sleep(50));
    }
    if (this.failed) { throw this.failed; }
    return this.next;
  }
}

/**
 * A live session (`upload_type: "stream"`): records with MediaRecorder (WebM/Opus or Ogg/Opus) in
 * quarter-second slices and sends them over the session's WebSocket, opened with a single-use token
 * (a browser cannot send X-API-Key on a WebSocket). Lines and progress arrive while the visit goes on
 * (`onLine({speaker, text, start_ms, end_ms, final})`, `onProgress({received_ms, transcribed_ms})`). The whole
 * recording stays in memory until the session's result arrives, so a dropped connection is opened again
 * with a new token and resumed from the bytes the service holds; nothing is lost.
 */
export class StreamRecorder {
  /** The MediaRecorder type to stream, or null when this browser records neither Opus container. */
  static format() {
    if (!globalThis.MediaRecorder || !globalThis.WebSocket) { return null; }
    return ['audio/webm;codecs=opus', 'audio/ogg;codecs=opus'].find((t) => globalThis.MediaRecorder.isTypeSupported(t)) || null;
  }

  /**
   * @param {MedScribeClient} client
   * @param {string} sessionId
   * @param {{onLine?: Function, onProgress?: Function, onReconnect?: Function, onError?: Function}} options
   */
  constructor(client, sessionId, options = {}) {
    this.client = client;
    this.sessionId = sessionId;
    this.options = options;
    this.parts = [];          // every slice recorded, as ArrayBuffers, in order
    this.recorded = 0;        // bytes recorded
    this.sent = 0;            // bytes handed to the open socket
    this.socket = null;
    this.ending = false;
    this.result = new Promise((resolve, reject) => { this.resolve = resolve; this.reject = reject; });
  }

  async start(stream) {
    this.format = StreamRecorder.format();
    if (!this.format) { throw new MedScribeError(0, 'unsupported_format', 'This browser cannot record Opus audio for a live session.'); }
    await this.connect(false);
    this.recorder = new MediaRecorder(stream, { mimeType: this.format });
    // Slices are read one after another, so they are kept (and sent) in the order they were recorded.
    this.reading = Promise.resolve();
    this.recorder.ondataavailable = (event) => {
      if (!event.data || event.data.size === 0) { return; }
      this.reading = this.reading.then(async () => {
        const bytes = await event.data.arrayBuffer();
        this.parts.push(bytes);
        this.recorded += bytes.byteLength;
        this.flush();
      });
    };
    this.stopped = new Promise((resolve) => { this.recorder.onstop = resolve; });
    this.recorder.start(250);
  }

  /** Opens the socket with a fresh token and sends start (or resume); resolves when the service is ready. */
  async connect(resume) {
    const { body } = await this.client.request('POST', `/v1/sessions/${encodeURIComponent(this.sessionId)}/stream/token`, { body: {} });
    const socket = new WebSocket(body.stream_url);
    socket.binaryType = 'arraybuffer';
    this.socket = socket;
    await new Promise((resolve, reject) => {
      socket.onopen = () => socket.send(JSON.stringify(resume ? { type: 'resume', format: this.format } : { type: 'start', format: this.format }));
      socket.onerror = () => reject(new MedScribeError(0, 'network_error', 'The live session could not be reached.'));
      socket.onmessage = (event) => {
        const frame = JSON.parse(event.data);
        if (frame.type === 'ready') {
          // The service holds this many bytes: what follows is sent (again) from there.
          this.sent = frame.received_bytes;
          socket.onmessage = (e) => this.receive(JSON.parse(e.data));
          socket.onclose = () => this.dropped();
          resolve();
          this.flush();
        } else if (frame.type === 'error') {
          reject(new MedScribeError(400, frame.error.code, frame.error.message, frame.error.details));
        }
      };
    });
  }

  /** Sends whatever of the recording the socket has not had yet. */
  flush() {
    const socket = this.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) { return; }
    let offset = 0;
    for (const part of this.parts) {
      const end = offset + part.byteLength;
      if (end > this.sent) { socket.send(part.slice(Math.max(0, this.sent - offset))); this.sent = end; }
      offset = end;
    }
    if (this.ending && this.sent === this.recorded && !this.endSent) { this.endSent = true; socket.send(JSON.stringify({ type: 'end' })); }
  }

  receive(frame) {
    if (frame.type === 'transcript' && this.options.onLine) { this.options.onLine(frame); }
    else if (frame.type === 'progress' && this.options.onProgress) { this.options.onProgress(frame); }
    else if (TERMINAL_STATES.includes(frame.type)) { this.done = true; this.resolve(frame.session); }
    else if (frame.type === 'error') {
      const error = new MedScribeError(400, frame.error.code, frame.error.message, frame.error.details);
      this.done = true;
      if (this.options.onError) { this.options.onError(error); }
      this.reject(error);
    }
  }

  /** The connection dropped before the result: open it again and resume, retrying with backoff. */
  async dropped() {
    if (this.done) { return; }
    this.socket = null;
    this.endSent = false;
    for (let attempt = 1; !this.done; attempt++) {
      if (this.options.onReconnect) { this.options.onReconnect({ attempt }); }
      try { await this.connect(true); return; } catch (error) {
        if (error instanceof MedScribeError && !error.retryable && error.code !== 'network_error') { this.done = true; this.reject(error); return; }
        await sleep(Math.min(10000, 500 * 2 ** attempt));
      }
    }
  }

  /** Stops recording, ends the session once every byte is sent, and resolves with the session's result. */
  async stop() {
    if (this.recorder && this.recorder.state !== 'inactive') {
      this.recorder.stop();
      await this.stopped;
    }
    for (const track of this.recorder ? this.recorder.stream.getTracks() : []) { track.stop(); }
    // The last slice arrives through ondataavailable before onstop; wait until it is read.
    await this.reading;
    this.ending = true;
    this.flush();
    return this.result;
  }
}

/**
 * Client-side delivery (spec §6.5): when this page runs in an iframe, tells the embedding EMR page
 * about a session event with `postMessage({type: "medscribealliance:<event>", session_id}, parentOrigin)`.
 * The parent origin must be given exactly; "*" is refused, so events never go to an unknown page.
 */
export function notifyParent(event, sessionId, parentOrigin) {
  if (!parentOrigin || parentOrigin === '*') { throw new TypeError('notifyParent needs the exact origin of the EMR page'); }
  if (globalThis.parent === globalThis) { return false; }
  globalThis.parent.postMessage({ type: `medscribealliance:${event}`, session_id: sessionId }, parentOrigin);
  return true;
}

/**
 * For the EMR page: calls `handler(event, sessionId)` for MedScribeAlliance messages from `scribeOrigin`
 * only; anything from another origin is ignored. Returns a function that stops listening.
 */
export function listenForScribe(scribeOrigin, handler) {
  const listener = (message) => {
    if (message.origin !== scribeOrigin) { return; }
    const data = message.data;
    if (!data || typeof data.type !== 'string' || !data.type.startsWith('medscribealliance:')) { return; }
    handler(data.type.slice('medscribealliance:'.length), data.session_id);
  };
  globalThis.addEventListener('message', listener);
  return () => globalThis.removeEventListener('message', listener);
}
