// Manual black-box check of Voicegate's /openai/v1 surface with the official OpenAI Node SDK (not part of the build).
// Start a simulated gateway with TLS, an allowed origin and room in the limits (this script mints about 15 sessions):
//   cd "$(mktemp -d)" && PORT=18480 TLS_PORT=18443 TLS_SELF_SIGNED=true CORS_ORIGINS=https://app.example.com \
//     RATE_LIMIT_SESSIONS_PER_MINUTE=100 RATE_LIMIT_USER_SESSIONS_PER_MINUTE=100 QUOTA_CONCURRENT_SESSIONS=50 \
//     java -jar /path/to/launcher/target/voicegate.jar --simulate
// then, here: npm install && NODE_EXTRA_CA_CERTS=<that dir>/data/tls/cert.pem node check.mjs [name-prefix ...]
// VG_HTTP and VG_HTTPS override the two base URLs. Exit code 1 when a check fails.
import OpenAI from 'openai';
import { OpenAIRealtimeWS } from 'openai/realtime/ws';
import WebSocket from 'ws';

const HTTP = process.env.VG_HTTP ?? 'http://127.0.0.1:18480';
const HTTPS = process.env.VG_HTTPS ?? 'https://127.0.0.1:18443';
const EMAIL = process.env.VG_EMAIL ?? `sdk-${Date.now()}@example.com`;
const PASSWORD = 'correct horse battery staple';
const only = process.argv.slice(2);

const results = [];
class Skip extends Error {}
function record(name, ok, detail = '') {
  results.push({ name, ok, detail });
  console.log(`${ok === 'skip' ? 'SKIP' : ok ? 'PASS' : 'FAIL'}  ${name}${detail ? '  -- ' + detail : ''}`);
}
async function check(name, fn) {
  if (only.length && !only.some((o) => name.startsWith(o))) return;
  try {
    const detail = await fn();
    record(name, true, detail ?? '');
  } catch (e) {
    if (e instanceof Skip) record(name, 'skip', e.message);
    else record(name, false, e?.stack?.split('\n').slice(0, 3).join(' | ') ?? String(e));
  }
}
function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}
async function api(path, body, token) {
  const r = await fetch(HTTP + path, {
    method: body ? 'POST' : 'GET',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  return { status: r.status, json: text ? JSON.parse(text) : null };
}
function expectOpenAiError(e, status, code) {
  assert(e instanceof OpenAI.APIError, `not an APIError: ${e?.constructor?.name}: ${e?.message}`);
  assert(e.status === status, `status ${e.status} != ${status} (${e.message})`);
  if (code !== undefined) assert(e.code === code, `code ${e.code} != ${code} (${e.message})`);
  assert(e.error && typeof e.error.message === 'string' && 'type' in e.error && 'param' in e.error && 'code' in e.error,
    `error body not OpenAI-shaped: ${JSON.stringify(e.error)}`);
  return `${e.constructor.name} ${e.status} code=${e.code} type=${e.type} msg="${e.error.message}"`;
}

// --- account, consent, token
let reg = await api('/api/v1/auth/register', { email: EMAIL, password: PASSWORD, display_name: 'SDK check', delivery: 'body' });
if (reg.status !== 201) reg = await api('/api/v1/auth/login', { email: EMAIL, password: PASSWORD, delivery: 'body' });
const token = reg.json.access_token;
assert(token, 'no access token: ' + JSON.stringify(reg));
for (const purpose of ['voice_processing', 'transcript_storage']) {
  const c = await api('/api/v1/consent', { purpose, version: 1, granted: true }, token);
  assert(c.status < 300, 'consent: ' + JSON.stringify(c));
}

const client = new OpenAI({ apiKey: token, baseURL: HTTP + '/openai/v1', maxRetries: 0 });
const tlsClient = new OpenAI({ apiKey: token, baseURL: HTTPS + '/openai/v1', maxRetries: 0 });
const models = [];

await check('models.list', async () => {
  const page = await client.models.list();
  for await (const m of page) models.push(m);
  assert(models.length > 0, 'no models');
  for (const m of models) assert(m.object === 'model' && m.id && typeof m.created === 'number' && m.owned_by, 'bad model ' + JSON.stringify(m));
  return models.map((m) => m.id).join(',');
});

await check('chat non-streamed', async () => {
  const { data: c, response } = await client.chat.completions
    .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
    .withResponse();
  assert(c.object === 'chat.completion', 'object ' + c.object);
  assert(c.choices[0].message.content, 'no content');
  assert(response.headers.get('x-request-id'), 'no x-request-id');
  return `content="${c.choices[0].message.content}" usage=${JSON.stringify(c.usage)} _request_id=${c._request_id}`;
});

async function streamed(opts) {
  const stream = await client.chat.completions.create({
    model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true, ...opts,
  });
  const chunks = [];
  for await (const ch of stream) chunks.push(ch);
  return chunks;
}
await check('chat streamed', async () => {
  const chunks = await streamed({});
  assert(chunks.length >= 2, 'chunks ' + chunks.length);
  assert(chunks.every((c) => c.object === 'chat.completion.chunk'), 'chunk object');
  assert(chunks[0].choices[0].delta.role === 'assistant', 'first delta role');
  assert(chunks.some((c) => c.choices[0]?.finish_reason), 'no finish_reason');
  assert(!chunks.some((c) => c.usage), 'usage without include_usage: ' + JSON.stringify(chunks.at(-1)));
  return `${chunks.length} chunks, text="${chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('')}"`;
});
await check('chat streamed include_usage', async () => {
  const chunks = await streamed({ stream_options: { include_usage: true } });
  const last = chunks.at(-1);
  assert(last.usage && last.choices.length === 0, 'last chunk not usage: ' + JSON.stringify(last));
  return `${chunks.length} chunks, usage=${JSON.stringify(last.usage)}`;
});
await check('chat streamed raw SSE ([DONE], content-type)', async () => {
  const r = await fetch(HTTP + '/openai/v1/chat/completions', {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], stream: true }),
  });
  const ct = r.headers.get('content-type');
  const text = await r.text();
  assert(r.status === 200, 'status ' + r.status);
  assert(ct.startsWith('text/event-stream'), 'content-type ' + ct);
  assert(text.trimEnd().endsWith('data: [DONE]'), 'no [DONE]: ' + text.slice(-80));
  return `content-type=${ct} cache-control=${r.headers.get('cache-control')}`;
});
await check('chat upstream-rejected model', async () => {
  try {
    await client.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] });
  } catch (e) {
    return expectOpenAiError(e, e.status);
  }
  throw new Skip('the upstream accepted the model (the simulated one accepts any); OpenAiSdkIT covers a rejection');
});
await check('chat upstream-rejected model streamed', async () => {
  try {
    const s = await client.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }], stream: true });
    for await (const _ of s);
  } catch (e) {
    return expectOpenAiError(e, e.status);
  }
  throw new Skip('the upstream accepted the model (the simulated one accepts any); OpenAiSdkIT covers a rejection');
});
await check('chat invalid body (no messages)', async () => {
  try {
    await client.chat.completions.create({ model: 'gpt-4o-mini' });
  } catch (e) {
    return expectOpenAiError(e, 400);
  }
  throw new Error('no error');
});
await check('chat malformed JSON', async () => {
  const r = await fetch(HTTP + '/openai/v1/chat/completions', {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"model":',
  });
  const b = await r.json();
  assert(r.status === 400 && b.error && 'param' in b.error && 'code' in b.error && 'type' in b.error, `${r.status} ${JSON.stringify(b)}`);
  return `${r.status} ${JSON.stringify(b)}`;
});

await check('speech.create', async () => {
  const r = await client.audio.speech.create({ model: 'gpt-4o-mini-tts', input: 'Hello there', voice: 'coral' });
  const buf = Buffer.from(await r.arrayBuffer());
  assert(r.status === 200 && buf.length > 0, `status ${r.status} len ${buf.length}`);
  return `${buf.length} bytes, content-type=${r.headers.get('content-type')}`;
});
await check('speech.create pcm', async () => {
  const r = await client.audio.speech.create({ model: 'gpt-4o-mini-tts', input: 'Hello there', voice: 'marin', response_format: 'pcm' });
  const buf = Buffer.from(await r.arrayBuffer());
  assert(r.status === 200 && buf.length > 0, `status ${r.status} len ${buf.length}`);
  return `${buf.length} bytes, content-type=${r.headers.get('content-type')}`;
});
await check('speech.create custom voice id', async () => {
  const r = await client.audio.speech.create({ model: 'gpt-4o-mini-tts', input: 'Hello', voice: { id: 'voice_abc123' } });
  const buf = Buffer.from(await r.arrayBuffer());
  assert(r.status === 200 && buf.length > 0, `status ${r.status} len ${buf.length}`);
  return `${buf.length} bytes`;
});
await check('speech invalid voice', async () => {
  try { await client.audio.speech.create({ model: 'tts-1', input: 'x', voice: 'nobody' }); } catch (e) { return expectOpenAiError(e, 400); }
  throw new Error('no error');
});
await check('speech input too long', async () => {
  try { await client.audio.speech.create({ model: 'tts-1', input: 'a'.repeat(4097), voice: 'alloy' }); } catch (e) { return expectOpenAiError(e, 400); }
  throw new Error('no error');
});
await check('speech input 4096 ok', async () => {
  const r = await client.audio.speech.create({ model: 'tts-1', input: 'a'.repeat(4096), voice: 'alloy' });
  await r.arrayBuffer();
  return `status ${r.status}`;
});
await check('speech bad format', async () => {
  try { await client.audio.speech.create({ model: 'tts-1', input: 'x', voice: 'alloy', response_format: 'ogg' }); } catch (e) { return expectOpenAiError(e, 400); }
  throw new Error('no error');
});

await check('clientSecrets.create allowed', async () => {
  const s = await client.realtime.clientSecrets.create({
    expires_after: { anchor: 'created_at', seconds: 600 },
    session: { type: 'realtime', model: models[0]?.id ?? 'gpt-realtime', audio: { output: { voice: 'marin' } } },
  });
  assert(s.value?.startsWith('ek_') && typeof s.expires_at === 'number' && s.session, JSON.stringify(s));
  return `value=ek_… expires_in=${s.expires_at - Math.floor(Date.now() / 1000)}s voicegate_session_id=${s.voicegate_session_id} model=${s.session.model}`;
});
await check('clientSecrets.create no body session', async () => {
  const s = await client.realtime.clientSecrets.create({});
  assert(s.value?.startsWith('ek_'), JSON.stringify(s));
  return `model=${s.session?.model}`;
});
await check('clientSecrets.create not allowed', async () => {
  try {
    await client.realtime.clientSecrets.create({ session: { type: 'realtime', model: 'gpt-realtime-mini-not-allowed' } });
  } catch (e) { return expectOpenAiError(e, 400, 'model_not_allowed'); }
  throw new Error('no error');
});

// --- realtime over the SDK (wss on the TLS port)
function onceEvent(rt, type, ms = 10000) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout waiting for ' + type)), ms);
    rt.on(type, (ev) => { clearTimeout(t); resolve(ev); });
  });
}
await check('OpenAIRealtimeWS session', async () => {
  const rt = new OpenAIRealtimeWS({ model: models[0]?.id ?? 'gpt-realtime' }, tlsClient);
  const seen = [];
  const errors = [];
  rt.on('event', (ev) => seen.push(ev.type));
  rt.on('error', (err) => errors.push(err?.error ?? err?.message));
  const created = await onceEvent(rt, 'session.created');
  rt.send({ type: 'session.update', session: { type: 'realtime', instructions: 'Be brief.', audio: { input: { turn_detection: null, transcription: { model: 'gpt-4o-transcribe' } } } } });
  await onceEvent(rt, 'session.updated');
  const pcm = Buffer.alloc(24000 * 2 / 2); // 500 ms of PCM16 24 kHz
  for (let i = 0; i < pcm.length / 2; i++) pcm.writeInt16LE(Math.round(8000 * Math.sin(i / 10)), i * 2);
  rt.send({ type: 'input_audio_buffer.append', audio: pcm.toString('base64') });
  rt.send({ type: 'input_audio_buffer.commit' });
  await onceEvent(rt, 'input_audio_buffer.committed');
  rt.send({ type: 'response.create' });
  const done = await onceEvent(rt, 'response.done');
  rt.close();
  await new Promise((r) => rt.socket.once('close', r));
  const deltas = seen.filter((t) => t.endsWith('.delta')).length;
  assert(deltas > 0, 'no deltas: ' + seen.join(','));
  assert(done.response.usage, 'no usage');
  return `session ${created.session.id}; ${seen.length} events, ${deltas} deltas, status=${done.response.status}; errors=${JSON.stringify(errors)}`;
});

function rawWs(url, { protocols, headers } = {}) {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, protocols, { headers, ca: undefined });
    const first = [];
    ws.on('unexpected-response', (req, res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ refused: true, status: res.statusCode, body, headers: res.headers }));
    });
    ws.on('error', (e) => resolve({ error: e.message }));
    ws.on('open', () => {
      ws.on('message', (m) => {
        first.push(JSON.parse(m.toString()));
        ws.close();
      });
      ws.on('close', (code) => resolve({ open: true, protocol: ws.protocol, first, code }));
    });
  });
}
const wsBase = HTTPS.replace('https', 'wss') + '/openai/v1/realtime';
await check('raw ws browser subprotocol', async () => {
  const r = await rawWs(`${wsBase}?model=${models[0]?.id ?? 'gpt-realtime'}`, { protocols: ['realtime', `openai-insecure-api-key.${token}`] });
  assert(r.open && r.protocol === 'realtime', JSON.stringify(r));
  assert(r.first[0]?.type === 'session.created', 'first ' + JSON.stringify(r.first[0])?.slice(0, 80));
  return `protocol=${r.protocol} first=${r.first[0].type}`;
});
await check('raw ws wrong token refused', async () => {
  const r = await rawWs(`${wsBase}?model=gpt-realtime`, { protocols: ['realtime', 'openai-insecure-api-key.not-a-token'] });
  assert(r.refused && r.status === 401, JSON.stringify(r));
  const b = JSON.parse(r.body);
  assert(b.error && 'code' in b.error, r.body);
  return `${r.status} ${r.body}`;
});
await check('raw ws no token refused', async () => {
  const r = await rawWs(`${wsBase}?model=gpt-realtime`);
  assert(r.refused && r.status === 401, JSON.stringify(r));
  return `${r.status} ${r.body}`;
});
await check('raw ws bad origin refused', async () => {
  const r = await rawWs(`${wsBase}?model=gpt-realtime`, { headers: { authorization: `Bearer ${token}`, origin: 'https://evil.example.com' } });
  assert(r.refused && r.status === 403, JSON.stringify(r));
  return `${r.status} ${r.body}`;
});
await check('raw ws good origin accepted', async () => {
  const r = await rawWs(`${wsBase}?model=gpt-realtime`, { headers: { authorization: `Bearer ${token}`, origin: 'https://app.example.com' } });
  assert(r.open, JSON.stringify(r));
  return `open, first=${r.first[0]?.type}`;
});
await check('raw ws model not allowed', async () => {
  const r = await rawWs(`${wsBase}?model=gpt-4o`, { headers: { authorization: `Bearer ${token}` } });
  assert(r.refused && r.status === 400 && JSON.parse(r.body).error.code === 'model_not_allowed', JSON.stringify(r));
  return `${r.status} ${r.body}`;
});
await check('OpenAIRealtimeWS model not allowed', async () => {
  const rt = new OpenAIRealtimeWS({ model: 'gpt-4o' }, tlsClient);
  const err = await new Promise((resolve) => {
    rt.on('error', (e) => resolve(e));
    rt.socket.on('open', () => resolve(new Error('opened')));
  });
  return `${err.constructor.name}: ${err.message}`;
});

// --- calls
const SDP = 'v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\nc=IN IP4 0.0.0.0\r\na=rtpmap:111 opus/48000/2\r\n';
let callId;
await check('realtime.calls.create (multipart)', async () => {
  const r = await client.realtime.calls.create({ sdp: SDP, session: { type: 'realtime', model: models[0]?.id ?? 'gpt-realtime' } });
  const body = await r.text();
  const loc = r.headers.get('location');
  assert(r.status === 201 && body.startsWith('v=0') && loc, `${r.status} ${loc} ${body.slice(0, 60)}`);
  callId = loc.split('/').pop();
  return `201 Location=${loc} content-type=${r.headers.get('content-type')}`;
});
await check('realtime.calls.hangup', async () => {
  assert(callId, 'no call');
  await client.realtime.calls.hangup(callId);
  return 'ok';
});
await check('calls raw application/sdp', async () => {
  const r = await fetch(HTTP + '/openai/v1/realtime/calls', {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/sdp' }, body: SDP,
  });
  const body = await r.text();
  assert(r.status === 201 && r.headers.get('location'), `${r.status} ${body}`);
  await client.realtime.calls.hangup(r.headers.get('location').split('/').pop());
  return `201 ${r.headers.get('location')}`;
});
await check('calls raw FormData (text parts)', async () => {
  const fd = new FormData();
  fd.set('sdp', SDP);
  fd.set('session', JSON.stringify({ type: 'realtime', model: 'gpt-realtime' }));
  const r = await fetch(HTTP + '/openai/v1/realtime/calls', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: fd });
  const body = await r.text();
  assert(r.status === 201 && r.headers.get('location'), `${r.status} ${body}`);
  await client.realtime.calls.hangup(r.headers.get('location').split('/').pop());
  return `201 ${r.headers.get('location')}`;
});
await check('calls model not allowed', async () => {
  try {
    const r = await client.realtime.calls.create({ sdp: SDP, session: { type: 'realtime', model: 'gpt-4o' } });
    throw new Error('status ' + r.status);
  } catch (e) { return expectOpenAiError(e, 400, 'model_not_allowed'); }
});


await check('speech 4096 emoji (code points) ok', async () => {
  const r = await client.audio.speech.create({ model: 'tts-1', input: '\u{1F600}'.repeat(4096), voice: 'alloy' });
  await r.arrayBuffer();
  return `status ${r.status}`;
});
await check('chat body over 1 MiB', async () => {
  try {
    await client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'a'.repeat(2 * 1024 * 1024) }] });
  } catch (e) { return expectOpenAiError(e, e.status) + ` x-should-retry=${e.headers?.get('x-should-retry')}`; }
  return 'accepted';
});
await check('REST over HTTPS (models, chat)', async () => {
  const page = await tlsClient.models.list();
  const c = await tlsClient.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
  return `${page.data.length} models, chat ok=${!!c.choices[0].message.content}`;
});
await check('calls.hangup unknown call -> 404', async () => {
  try { await client.realtime.calls.hangup('rtc_u1_doesnotexist'); } catch (e) { return expectOpenAiError(e, 404) + ` requestID=${e.requestID}`; }
  throw new Error('no error');
});
await check('OpenAIRealtimeWS intent=transcription (not offered: refused before the upgrade)', async () => {
  const rt = new OpenAIRealtimeWS({ intent: 'transcription' }, tlsClient);
  const r = await new Promise((resolve) => {
    rt.on('error', (e) => resolve('error: ' + e.message));
    rt.on('session.created', (ev) => { rt.close(); resolve('session.created type=' + ev.session.type); });
  });
  assert(r.includes('400'), r);
  return r;
});

// --- auth errors
for (const [name, key] of [['wrong key', 'sk-wrong'], ['expired-looking jwt', token.slice(0, -4) + 'AAAA']]) {
  await check(`auth ${name} -> 401`, async () => {
    const c = new OpenAI({ apiKey: key, baseURL: HTTP + '/openai/v1', maxRetries: 0 });
    try { await c.models.list(); } catch (e) { return expectOpenAiError(e, 401) + ` x-should-retry=${e.headers?.get('x-should-retry')}`; }
    throw new Error('no error');
  });
}
await check('auth no key -> 401', async () => {
  const r = await fetch(HTTP + '/openai/v1/models');
  const b = await r.json();
  assert(r.status === 401 && b.error && 'param' in b.error, `${r.status} ${JSON.stringify(b)}`);
  return `${r.status} ${JSON.stringify(b)} www-authenticate=${r.headers.get('www-authenticate')}`;
});
await check('unknown route -> 404 OpenAI shape', async () => {
  try { await client.get('/embeddings-nope'); } catch (e) { return expectOpenAiError(e, 404); }
  throw new Error('no error');
});

const failed = results.filter((r) => !r.ok);
const skipped = results.filter((r) => r.ok === 'skip');
console.log(`\n${results.length - failed.length - skipped.length} passed, ${skipped.length} skipped, ${failed.length} failed`);
process.exit(failed.length ? 1 : 0);
