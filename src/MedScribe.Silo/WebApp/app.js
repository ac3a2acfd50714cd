// The MedScribe web app at "/": record (or upload) a consult, watch it upload and transcribe, read the note.
// Built on the browser SDK the silo serves at /sdk/medscribe.js.
import { MedScribeClient, MedScribeError, ChunkedRecorder, StreamRecorder, notifyParent } from '/sdk/medscribe.js';

const $ = (id) => document.getElementById(id);
const DEFAULT_TEMPLATES = ['soap', 'medications', 'vitals', 'problems', 'orders', 'follow_up', 'patient_instructions'];
const SHOWN = [
  ['soap', 'SOAP note'], ['medications', 'Medications'], ['vitals', 'Vital signs'], ['problems', 'Problems'],
  ['allergies', 'Allergies'], ['orders', 'Orders and referrals'], ['follow_up', 'Follow-up'], ['patient_instructions', 'Patient instructions'],
];

// When embedded in an EMR's iframe with ?parent_origin=<exact origin>, session events go to that page (spec §6.5).
const parentOrigin = new URLSearchParams(location.search).get('parent_origin');

const state = { client: null, session: null, recorder: null, chunks: new Map(), watching: null };

// ---- words a clinician understands -----------------------------------------------------------

const PLAIN = {
  authentication_failed: 'The API key was not accepted. Check it with whoever runs MedScribe for your practice.',
  rate_limit_exceeded: 'Too many requests just now. Wait a minute and try again.',
  audio_quality_poor: 'We could not hear enough speech in the recording. Check that the microphone is on and close enough, then record again.',
  insufficient_audio: 'The recording is too short to write a note from. Record a little more of the consult.',
  session_expired: 'This recording session expired before it was finished. Start a new recording.',
  unsupported_format: 'This kind of audio file cannot be read. Use a WebM, Ogg, WAV, MP3 or M4A recording.',
  chunk_too_large: 'A part of the recording was too long to send. Record again; the app sends shorter parts.',
  processing_failed: 'The recording could not be turned into a note. Try again, or contact support if it keeps happening.',
  extraction_failed: 'This part of the note could not be written from the conversation.',
  template_not_found: 'This kind of note is not available on this service.',
  timeout: 'Writing the note took too long. Try again.',
  network_error: 'The MedScribe service could not be reached. Check the network connection; recording parts are kept and sent again.',
  NotAllowedError: 'The browser was not allowed to use the microphone. Allow microphone access for this page and try again.',
  NotFoundError: 'No microphone was found. Connect one and try again.',
};

function explain(error) {
  const code = error && (error.code || error.name);
  return PLAIN[code] || (error && error.message ? `Something went wrong: ${error.message}` : 'Something went wrong.');
}

function showError(where, error) {
  if (error && !(error instanceof MedScribeError) && error.stack) { console.error(error.stack); }
  const box = $(where);
  box.hidden = !error;
  box.textContent = error ? explain(error) : '';
}

function emit(event) {
  if (parentOrigin && state.session) { notifyParent(event, state.session.session_id, parentOrigin); }
}

// ---- 1. connect ------------------------------------------------------------------------------

$('connect').addEventListener('click', async () => {
  showError('setup-error', null);
  const apiKey = $('api-key').value.trim();
  if (!apiKey) { return; }
  const client = new MedScribeClient({ apiKey });
  try {
    const discovery = await client.discover();
    const { templates } = await client.templates();
    state.client = client;
    $('service').textContent = [discovery.service && discovery.service.name, `protocol ${discovery.protocol_version}`].filter(Boolean).join(' · ');
    renderTemplates(templates);
    $('consult').hidden = false;
    $('setup').hidden = true;
  } catch (error) {
    showError('setup-error', error);
  }
});

function renderTemplates(templates) {
  const box = $('templates');
  for (const old of box.querySelectorAll('label')) { old.remove(); }
  for (const template of templates) {
    if (template.id === 'transcript') { continue; }
    const label = document.createElement('label');
    const box2 = document.createElement('input');
    box2.type = 'checkbox';
    box2.value = template.id;
    box2.checked = DEFAULT_TEMPLATES.includes(template.id);
    label.append(box2, ' ' + template.name);
    box.appendChild(label);
  }
}

function chosenTemplates() {
  return [...$('templates').querySelectorAll('input:checked')].map((input) => input.value);
}

// ---- 2. record or upload -------------------------------------------------------------------------

$('record').addEventListener('click', async () => {
  showError('consult-error', null);
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  } catch (error) {
    showError('consult-error', error);
    return;
  }
  try {
    if (await streams()) {
      // Live: the lines appear while the consult goes on.
      await startSession('stream');
      state.lines = [];
      $('live-transcript').textContent = '';
      state.recorder = new StreamRecorder(state.client, state.session.session_id, {
        onLine: renderLine,
        onProgress: (p) => renderProgress({ status: 'recording', audio_duration_ms: p.received_ms, transcribed_duration_ms: p.transcribed_ms }),
        onReconnect: ({ attempt }) => setStatus(`The connection dropped; reconnecting (attempt ${attempt})… nothing recorded is lost.`),
      });
      await state.recorder.start(stream);
      setStatus('Recording… the transcript appears as you talk.');
    } else {
      await startSession('chunked');
      state.recorder = new ChunkedRecorder(state.client, state.session.session_id, {
        onChunk: renderChunk,
        onError: (error) => setStatus(`Sending is being retried: ${explain(error)}`),
      });
      await state.recorder.start(stream);
      setStatus('Recording… the conversation is sent in parts as you go.');
      watchProgress();
    }
    $('record').disabled = true;
    $('file').disabled = true;
    $('stop').disabled = false;
  } catch (error) {
    for (const track of stream.getTracks()) { track.stop(); }
    showError('consult-error', error);
  }
});

$('stop').addEventListener('click', async () => {
  $('stop').disabled = true;
  setStatus('Sending the last part…');
  try {
    if (state.recorder instanceof StreamRecorder) {
      setStatus('Writing the note…');
      emit('session.ended');
      done(await state.recorder.stop());
    } else {
      const sent = await state.recorder.stop();
      await finish(sent);
    }
  } catch (error) {
    showError('consult-error', error);
  }
});

$('file').addEventListener('change', async () => {
  const file = $('file').files[0];
  if (!file) { return; }
  showError('consult-error', null);
  $('record').disabled = true;
  try {
    await startSession('single');
    renderChunk({ index: 0, state: 'uploading', bytes: file.size });
    setStatus(`Sending ${file.name}…`);
    const receipt = await state.client.uploadFile(state.session.session_id, file);
    renderChunk({ index: 0, state: 'acknowledged', bytes: file.size, receipt });
    await finish(1);
  } catch (error) {
    showError('consult-error', error);
    $('record').disabled = false;
  }
});

async function startSession(uploadType) {
  if (!state.client) { throw new MedScribeError(401, 'authentication_failed', 'Connect with an API key first.'); }
  state.session = await state.client.createSession({ templates: chosenTemplates(), language_hint: 'en', upload_type: uploadType });
  state.chunks.clear();
  $('chunks').replaceChildren();
  $('progress').hidden = false;
  $('note').hidden = true;
  emit('session.started');
}

async function finish(sent) {
  await state.client.endSession(state.session.session_id, sent);
  emit('session.ended');
  setStatus('Writing the note…');
  stopWatching();
  done(await state.client.pollUntilDone(state.session.session_id, { onUpdate: renderProgress }));
}

/** Live recording when the service offers it and this browser records Opus (`?upload=chunked` keeps chunks). */
async function streams() {
  if (new URLSearchParams(globalThis.location.search).get('upload') === 'chunked' || !StreamRecorder.format()) { return false; }
  const discovery = await state.client.discover();
  return Boolean(discovery && discovery.capabilities && (discovery.capabilities.upload_methods || []).includes('stream'));
}

// A partial line (the utterance still being spoken) shows after the final ones until its final line replaces it.
function renderLine(line) {
  if (line.final) {
    state.lines.push(`${line.speaker}: ${line.text}`);
    state.partial = '';
  } else {
    state.partial = `${line.speaker}: ${line.text} …`;
  }
  $('live-transcript').textContent = [...state.lines, state.partial].filter(Boolean).join('\n');
}

function done(result) {
  renderProgress(result);
  emit(`session.${result.status}`);
  $('record').disabled = false;
  $('file').disabled = false;
  $('file').value = '';
  if (result.status === 'failed' || result.status === 'expired') {
    setStatus('');
    showError('consult-error', result.error || { code: result.status === 'expired' ? 'session_expired' : 'processing_failed' });
    return;
  }
  setStatus(result.status === 'partial' ? 'The note is ready; some parts could not be written.' : 'The note is ready.');
  renderNote(result);
}

function setStatus(text) { $('status').textContent = text; }

function renderChunk(chunk) {
  let item = state.chunks.get(chunk.index);
  if (!item) {
    item = document.createElement('li');
    state.chunks.set(chunk.index, item);
    $('chunks').appendChild(item);
  }
  item.className = chunk.state;
  item.dataset.index = String(chunk.index);
  const words = { queued: 'waiting', uploading: 'sending', retrying: 'retrying', waiting: 'will retry', acknowledged: 'received', failed: 'failed' };
  item.textContent = `part ${chunk.index + 1}: ${words[chunk.state] || chunk.state}`;
}

function renderProgress(session) {
  const finished = ['completed', 'partial', 'failed', 'expired'].includes(session.status);
  const audio = session.audio_duration_ms || 0;
  const done = finished ? audio : session.transcribed_duration_ms || 0;
  const share = finished ? 100 : audio > 0 ? Math.min(100, (100 * done) / audio) : 0;
  $('transcribed-bar').style.width = share.toFixed(0) + '%';
  const seconds = (ms) => Math.round(ms / 1000);
  const words = { created: 'waiting for audio', recording: 'recording', processing: 'writing the note' };
  $('progress-text').textContent = finished
    ? (audio > 0 ? `All ${seconds(audio)} s of audio transcribed.` : 'Transcription finished.')
    : `Received ${seconds(audio)} s of audio, transcribed ${seconds(done)} s (${words[session.status] || session.status}).`;
  if (typeof session.transcript === 'string') { $('live-transcript').textContent = session.transcript; }
}

// While recording, the session is read every few seconds so transcription progress shows as it happens.
function watchProgress() {
  stopWatching();
  const id = state.session.session_id;
  state.watching = setInterval(async () => {
    try { renderProgress(await state.client.getSession(id)); } catch (error) { if (!(error instanceof MedScribeError)) { throw error; } }
  }, 3000);
}

function stopWatching() {
  if (state.watching) { clearInterval(state.watching); state.watching = null; }
}

// ---- 3. the note -----------------------------------------------------------------------------

function renderNote(session) {
  $('note').hidden = false;
  $('note-status').textContent = `Session ${session.session_id}, ${session.status}.`;
  const lines = (session.transcript || '').replace(/\n+$/, '').split('\n');
  $('transcript').replaceChildren(...lines.map((line, i) => {
    const item = document.createElement('li');
    item.id = `line-${i}`;
    item.textContent = line;
    return item;
  }));
  const sections = $('note-sections');
  sections.replaceChildren();
  for (const [id, title] of SHOWN) {
    const result = session.templates ? session.templates[id] : undefined;
    if (!result) { continue; }
    const section = document.createElement('div');
    section.className = 'section';
    section.id = `section-${id}`;
    const heading = document.createElement('h3');
    heading.textContent = title;
    section.appendChild(heading);
    if (result.status !== 'success') {
      const failed = document.createElement('p');
      failed.className = 'failed-template';
      failed.textContent = explain(result.error || {});
      section.appendChild(failed);
    } else {
      section.appendChild(render(id, result.data));
    }
    sections.appendChild(section);
  }
  $('note').scrollIntoView({ behavior: 'smooth' });
}

function render(id, data) {
  switch (id) {
    case 'soap': {
      const list = document.createElement('dl');
      list.className = 'soap';
      for (const part of ['subjective', 'objective', 'assessment', 'plan']) {
        const term = document.createElement('dt');
        term.textContent = part[0].toUpperCase() + part.slice(1);
        const text = document.createElement('dd');
        text.textContent = data && data[part] ? data[part] : '—';
        list.append(term, text);
      }
      return list;
    }
    case 'medications':
      return items(data, (m) => `${m.name}${m.dosage ? ' ' + m.dosage : ''}${m.route ? ', ' + m.route : ''}${m.frequency ? ', ' + m.frequency : ''} (${m.action})`);
    case 'problems':
      return items(data, (p) => `${p.name}${p.icd10 ? ' — ' + p.icd10.code : ''}${p.status ? ' (' + p.status + ')' : ''}`);
    case 'allergies':
      return items(data, (a) => `${a.substance}${a.reaction ? ': ' + a.reaction : ''}`);
    case 'orders':
      return items(data, (o) => `${o.name} (${o.type}${o.code ? ', ' + o.code.code : ''})`);
    case 'vitals': {
      const names = { blood_pressure: 'Blood pressure', heart_rate: 'Heart rate', respiratory_rate: 'Respiratory rate', temperature: 'Temperature', spo2: 'Oxygen saturation', weight: 'Weight', height: 'Height', pain_score: 'Pain' };
      const list = Object.entries(names).filter(([key]) => data && data[key]).map(([key, name]) => {
        const v = data[key];
        return { text: `${name}: ${v.text || (v.systolic ? v.systolic + '/' + v.diastolic : v.value + ' ' + (v.unit || ''))}`, evidence: v.evidence };
      });
      return items(list, (v) => v.text);
    }
    case 'follow_up':
      return items(data && (data.interval || data.instructions) ? [data] : [], (f) => [f.interval, f.instructions].filter(Boolean).join(': '));
    case 'patient_instructions':
      return items(data ? data.items : [], (i) => i.text);
    default:
      return document.createTextNode(JSON.stringify(data));
  }
}

function items(list, describe) {
  const ul = document.createElement('ul');
  if (!list || list.length === 0) {
    const none = document.createElement('li');
    none.textContent = 'Nothing said.';
    ul.appendChild(none);
    return ul;
  }
  for (const entry of list) {
    const li = document.createElement('li');
    li.appendChild(document.createTextNode(describe(entry)));
    for (const evidence of entry.evidence || []) {
      const link = document.createElement('button');
      link.type = 'button';
      link.className = 'evidence';
      link.dataset.line = String(evidence.utterance);
      link.title = evidence.text || '';
      link.textContent = `line ${evidence.utterance + 1}`;
      link.addEventListener('click', () => highlight(evidence.utterance));
      li.appendChild(link);
    }
    ul.appendChild(li);
  }
  return ul;
}

function highlight(line) {
  for (const old of document.querySelectorAll('#transcript li.highlight')) { old.classList.remove('highlight'); }
  const target = $(`line-${line}`);
  if (target) {
    target.classList.add('highlight');
    target.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }
}

$('download-fhir').addEventListener('click', async () => {
  try {
    const bundle = await state.client.fhir(state.session.session_id);
    const blob = new Blob([JSON.stringify(bundle, null, 2)], { type: 'application/fhir+json' });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${state.session.session_id}.fhir.json`;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  } catch (error) {
    showError('consult-error', error);
  }
});
