// Starts the debug binary built with the test clock (`cargo build --features test-clock`) on the demo data and drives Debian's chromium with playwright-core.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const binary = process.env.PASSERELLE_BIN ?? join(root, 'target', 'debug', 'passerelle');
export const PASSWORD = 'passerelle-demo';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** Resolves once the server at `base` answers its health check (a minute at most). */
async function answering(base) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`${base}/health`);
      if (r.ok) return;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Starts `passerelle demo` (`stage`: 'full' or 'filed') on a free loopback port; resolves once
 * it answers. */
export async function startDemo(stage = 'full') {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-e2e-'));
  const child = spawn(binary, ['demo', '--stage', stage, '--bind', `127.0.0.1:${port}`], {
    env: { ...process.env, PASSERELLE_DATA_DIR: dataDir, PASSERELLE_LOG: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  await answering(base);
  return {
    base,
    dataDir,
    stop() {
      child.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A real installation from nothing: `passerelle migrate` on an empty database, the first
 * administrator from the CLI, then `passerelle serve` (no demo data). */
export async function startEmpty(admin) {
  const { execFileSync } = await import('node:child_process');
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'passerelle-e2e-'));
  const env = { ...process.env, PASSERELLE_DATA_DIR: dataDir, PASSERELLE_LOG: 'warn' };
  execFileSync(binary, ['migrate'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync(binary, ['admin', 'create-user', '--email', admin.email, '--name', admin.name,
    '--role', 'administrator', '--locale', 'fr-BE'],
  { env: { ...env, PASSERELLE_NEW_PASSWORD: admin.password }, stdio: ['ignore', 'ignore', 'inherit'] });
  const child = spawn(binary, ['serve', '--bind', `127.0.0.1:${port}`], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  await answering(base);
  return {
    base,
    dataDir,
    stop() {
      child.kill('SIGTERM');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The newest link (with a token) in the emails written to `dir`/outbox for `to`. */
export async function emailedLinkIn(dataDir, to, pattern = /https?:\/\/[^\s"<]+token=[A-Za-z0-9_-]{43}/) {
  const { statSync } = await import('node:fs');
  const dir = join(dataDir, 'outbox');
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    let files = [];
    try { files = readdirSync(dir).filter((f) => f.endsWith('.eml')).map((f) => join(dir, f)); } catch { /* not yet */ }
    files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    for (const f of files) {
      const raw = readFileSync(f, 'utf8').replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
      if (raw.includes(`To: ${to}`)) {
        const m = raw.match(pattern);
        if (m) return m[0];
      }
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`no email with a link for ${to}`);
}

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** A fresh browser context (cookies included) with a preferred language. */
export async function newPage(browser, locale = 'fr-BE') {
  const context = await browser.newContext({ locale, extraHTTPHeaders: { 'Accept-Language': locale } });
  return context.newPage();
}

/** The axe violations of the page for WCAG 2.x A and AA, as "rule: target" lines. */
export async function axeViolations(page) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/**
 * axe on the page at 1280 px and at 390 px wide, and no sideways scroll at either width (wide
 * tables scroll inside their own region); the page is left at 1280 px.
 */
export async function accessibleAtBothWidths(page, what) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    assert.deepEqual(await axeViolations(page), [], `axe violations on ${what} at ${width} px`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `${what} scrolls sideways by ${overflow} px at ${width} px`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Every email written to the data directory so far, quoted-printable decoded. */
export function writtenEmails(dataDir) {
  const dir = join(dataDir, 'outbox');
  let files = [];
  try { files = readdirSync(dir).filter((f) => f.endsWith('.eml')).map((f) => join(dir, f)); } catch { return []; }
  // Quoted-printable escapes are bytes of UTF-8: decode them as bytes, then as UTF-8.
  return files.map((f) => Buffer.from(readFileSync(f, 'utf8')
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), 'latin1')
    .toString('utf8'));
}

/** A new page signed in as `email` (demo password), on their workspace. */
export async function loginAs(browser, base, email, locale = 'fr-BE') {
  const page = await newPage(browser, locale);
  await page.goto(base + '/login');
  await page.fill('#f-email', email);
  await page.fill('#f-password', PASSWORD);
  await page.click('button.primary');
  await page.waitForURL(base + '/me');
  return page;
}

/**
 * A call open until 2030, drafted by the Wallonia-Brussels officer on `wbOfficer`'s page (left
 * on /calls/new by the caller, who may check it first) and approved by both sides. Returns the
 * call's URL and the Québec officer's page.
 */
export async function publishOpenCall(browser, base, wbOfficer, title) {
  await wbOfficer.fill('#f-title_fr', title.fr);
  await wbOfficer.fill('#f-title_en', title.en);
  await wbOfficer.fill('#f-guidelines_fr', 'Déposez **ensemble**.');
  await wbOfficer.fill('#f-guidelines_en', 'File **together**.');
  await wbOfficer.check('#f-themes-1');
  await wbOfficer.fill('#f-opens_at', '2020-01-01T09:00');
  await wbOfficer.fill('#f-deadline_WB', '2030-03-30T23:59');
  await wbOfficer.fill('#f-deadline_QC', '2030-03-15T17:59');
  for (const side of ['WB', 'QC']) {
    await wbOfficer.fill(`#f-cap_trip_${side}`, '1200');
    await wbOfficer.fill(`#f-cap_stay_${side}`, '1500');
    await wbOfficer.fill(`#f-cap_year_${side}`, '9000');
  }
  await wbOfficer.click('button.primary');
  await wbOfficer.waitForURL(/\/calls\/\d+$/);
  const callUrl = wbOfficer.url();
  await wbOfficer.click('text=Approuver pour ma partie');
  const qcOfficer = await loginAs(browser, base, 'charge.qc@demo.passerelle.test', 'fr-CA');
  await qcOfficer.goto(callUrl);
  await qcOfficer.click('text=Approuver pour ma partie');
  await qcOfficer.waitForURL(callUrl);
  return { callUrl, qcOfficer };
}
