// Deadline rush: N applicants, each the lead of a half, save a draft then file it again and
// again until the time is up. Reports filings/s, p50/p99 of each request kind and errors.
// Usage: node bench/rush.mjs BASE_URL SECONDS   (accounts porteur01..40.{wb,qc} of the demo)
const [base, seconds = '20'] = process.argv.slice(2);
const PASSWORD = 'passerelle-demo';

function cookies(res, jar) {
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const [k, v] = pair.split('=');
    jar[k] = v;
  }
}
const header = (jar) => Object.entries(jar).map(([k, v]) => `${k}=${v}`).join('; ');
const token = (html) => html.match(/name="csrf" value="([A-Za-z0-9_-]{43})"/)[1];

async function request(jar, path, body, extra = {}) {
  const res = await fetch(base + path, {
    method: body ? 'POST' : 'GET',
    redirect: 'manual',
    headers: { cookie: header(jar), 'content-type': 'application/x-www-form-urlencoded', ...extra },
    body: body ? new URLSearchParams(body) : undefined,
  });
  cookies(res, jar);
  return { status: res.status, text: await res.text(), location: res.headers.get('location') };
}

async function applicant(email) {
  const jar = {};
  const login = await request(jar, '/login');
  const r = await request(jar, '/login', { csrf: token(login.text), email, password: PASSWORD });
  if (r.status !== 303) throw new Error(`login ${email}: ${r.status}`);
  const mine = await request(jar, '/projects');
  const id = mine.text.match(/href="\/projects\/(\d+)"/)[1];
  const edit = await request(jar, `/projects/${id}/edit`);
  const theme = edit.text.match(/name="themes" value="(\d+)" checked/)[1];
  return { jar, id, theme };
}

const times = { draft: [], file: [] };
let filings = 0;
let errors = 0;

async function run(a, until) {
  while (Date.now() < until) {
    const page = await request(a.jar, `/projects/${a.id}`);
    const csrf = token(page.text);
    const version = page.text.match(/name="version" value="(\d+)"/)?.[1];
    let t = performance.now();
    const d = await request(a.jar, `/projects/${a.id}/edit`, { csrf, title: `Projet ${a.id}`, summary: `Brouillon ${Date.now()}`, objectives: 'Objectifs.', duration: '18', renewal: 'no', themes: a.theme }, { 'x-autosave': '1' });
    times.draft.push(performance.now() - t);
    if (d.status !== 204 && d.status !== 422) errors++;
    if (!version) { errors++; continue; }
    t = performance.now();
    const f = await request(a.jar, `/projects/${a.id}/file`, { csrf, version });
    times.file.push(performance.now() - t);
    if (f.status === 303) filings++; else errors++;
  }
}

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.floor(p * s.length))].toFixed(1) : '-'; };
const emails = [];
for (let i = 1; i <= 40; i++) for (const side of ['wb', 'qc']) emails.push(`porteur${String(i).padStart(2, '0')}.${side}@demo.passerelle.test`);
const applicants = await Promise.all(emails.map(applicant));
// Baseline in the same run: the same 80 clients fetching the embedded stylesheet for 3 s.
let baseline = 0;
const baseUntil = Date.now() + 3000;
await Promise.all(applicants.map(async (a) => {
  while (Date.now() < baseUntil) { await request(a.jar, '/static/app.css'); baseline++; }
}));
const baselineRate = baseline / 3;
const until = Date.now() + Number(seconds) * 1000;
const started = performance.now();
await Promise.all(applicants.map((a) => run(a, until)));
const elapsed = (performance.now() - started) / 1000;
console.log(`baseline: ${baselineRate.toFixed(0)} stylesheet requests/s from the same clients`);
console.log(`${applicants.length} applicants, ${elapsed.toFixed(1)} s: ${filings} filings (${(filings / elapsed).toFixed(1)}/s, ${(filings / elapsed / baselineRate).toFixed(3)} of baseline), ${errors} errors`);
console.log(`draft save ms: p50 ${pct(times.draft, 0.5)} p99 ${pct(times.draft, 0.99)}; filing ms: p50 ${pct(times.file, 0.5)} p99 ${pct(times.file, 0.99)}`);
