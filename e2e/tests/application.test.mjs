// The application journey in a real browser: officers of both sides publish a call; a Québec
// coordinator starts a project (autosaved as typed), invites a Wallonia-Brussels partner; both
// file their halves with their own administration and get receipts; each side's officer sees
// only its half's filing data. Every page is checked with axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startDemo, launch, newPage, axeViolations, accessibleAtBothWidths, PASSWORD, loginAs, publishOpenCall } from '../lib.mjs';

let server;
let browser;

before(async () => {
  server = await startDemo();
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

// Every page of the walk: axe at 1280 and 390 px, no sideways scroll (issue 13).
const accessible = accessibleAtBothWidths;

function login(email, locale = 'fr-BE') {
  return loginAs(browser, server.base, email, locale);
}

/** The newest link with a token in the emails written for `to` (quoted-printable decoded). */
async function emailedLink(to) {
  const dir = join(server.dataDir, 'outbox');
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    let files = [];
    try { files = readdirSync(dir).filter((f) => f.endsWith('.eml')).map((f) => join(dir, f)); } catch { /* not yet */ }
    files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    for (const f of files) {
      const raw = readFileSync(f, 'utf8').replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
      if (raw.includes(`To: ${to}`)) {
        const m = raw.match(/https?:\/\/[^\s"<]+token=[A-Za-z0-9_-]{43}/);
        if (m) return m[0];
      }
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`no email with a link for ${to}`);
}

test('two sides publish a call; two partners each file their half; officers see their own half', async () => {
  // The Wallonia-Brussels officer drafts a call open until 2030 and approves it; Québec approves.
  const wbOfficer = await login('charge.wb@demo.passerelle.test');
  await wbOfficer.goto(server.base + '/calls/new');
  await accessible(wbOfficer, '/calls/new');
  const { callUrl, qcOfficer } = await publishOpenCall(browser, server.base, wbOfficer, { fr: 'Appel de démonstration ouvert', en: 'Open demonstration call' });
  assert.match(await qcOfficer.textContent('main'), /Ouvert/);
  assert.match(await qcOfficer.textContent('main'), /15 mars 2030 à 17 h 59 \(heure du Québec\) — 15 mars 2030 à 22 h 59 \(heure de Bruxelles\)/);
  await accessible(qcOfficer, 'call page');

  // The Québec coordinator starts the project; the form autosaves and survives a reload.
  const qc = await login('demandeur.qc@demo.passerelle.test', 'fr-CA');
  await qc.goto(callUrl);
  await qc.click('text=Commencer un projet');
  await qc.fill('#f-title', 'Érosion des berges du Saint-Laurent et de la Meuse');
  await qc.click('button.primary');
  await qc.waitForURL(/\/projects\/\d+$/);
  const projectUrl = qc.url();
  await accessible(qc, 'project page');
  await qc.goto(projectUrl + '/edit');
  await qc.fill('#f-summary', 'Deux laboratoires mesurent l’érosion des berges.');
  await qc.fill('#f-objectives', 'Partager les méthodes de mesure.');
  await qc.fill('#f-duration', '18');
  await qc.check('#f-themes-1');
  await qc.waitForSelector('.autosave-status:has-text("Brouillon enregistré")');
  await qc.reload();
  assert.equal(await qc.inputValue('#f-summary'), 'Deux laboratoires mesurent l’érosion des berges.');
  assert.equal(await qc.inputValue('#f-duration'), '18');
  await accessible(qc, 'project form');

  // The partner on the other side is invited by email and joins.
  await qc.goto(projectUrl + '/invite');
  await qc.fill('#f-email', 'demandeur.wb@demo.passerelle.test');
  await qc.click('button.primary');
  const link = await emailedLink('demandeur.wb@demo.passerelle.test');
  const wb = await login('demandeur.wb@demo.passerelle.test');
  await wb.goto(link.replace(/^https?:\/\/[^/]+/, server.base));
  await accessible(wb, 'join page');
  await wb.click('button.primary');
  await wb.waitForURL(projectUrl);

  // Each files its half with its own administration and gets a receipt.
  // Filing goes through the review: what will be filed, what follows, then the button.
  await wb.click('text=Vérifier et déposer');
  await wb.waitForURL(/\/review$/);
  assert.match(await wb.textContent('main'), /Ce qui sera déposé/);
  assert.match(await wb.textContent('main'), /Après le dépôt/);
  await accessible(wb, 'review before filing');
  await wb.click('button:has-text("Déposer mon volet")');
  await wb.waitForURL(/\/receipts\/\d+$/);
  assert.match(await wb.textContent('main'), /"side":"WB"/);
  await accessible(wb, 'receipt page');
  await qc.goto(projectUrl);
  await qc.click('text=Vérifier et déposer');
  await qc.click('button:has-text("Déposer mon volet")');
  await qc.waitForURL(/\/receipts\/\d+$/);
  assert.match(await qc.textContent('main'), /"side":"QC"/);

  // Each side's officer sees the shared project and only its own half's filing data.
  await wbOfficer.goto(projectUrl);
  const wbView = await wbOfficer.textContent('main');
  assert.match(wbView, /demandeur\.wb@demo\.passerelle\.test/);
  assert.doesNotMatch(wbView, /demandeur\.qc@demo\.passerelle\.test/);
  await accessible(wbOfficer, 'project page (officer)');
  await qcOfficer.goto(projectUrl);
  const qcView = await qcOfficer.textContent('main');
  assert.match(qcView, /demandeur\.qc@demo\.passerelle\.test/);
  assert.doesNotMatch(qcView, /demandeur\.wb@demo\.passerelle\.test/);

  // Filing freezes: the filed half shows no form; reopened before the deadline, it is filed
  // again as version 2 — and until then the officer still reads version 1.
  await qc.goto(projectUrl);
  assert.match(await qc.textContent('main'), /Ce volet est déposé/);
  assert.equal(await qc.locator(`a[href$="/edit"]`).count(), 0, 'no edit link on a filed half');
  await qc.click('text=Rouvrir pour déposer une nouvelle version');
  await qc.waitForURL(projectUrl);
  await qc.goto(projectUrl + '/edit');
  await qc.fill('#f-title', 'Érosion des berges, version 2');
  await qc.click('button.primary');
  await qc.waitForURL(projectUrl);
  await qcOfficer.goto(projectUrl);
  assert.equal(await qcOfficer.textContent('h1'), 'Érosion des berges du Saint-Laurent et de la Meuse');
  await qc.click('text=Vérifier et déposer');
  await qc.click('button:has-text("Déposer mon volet")');
  await qc.waitForURL(/\/receipts\/\d+$/);
  assert.match(await qc.textContent('main'), /"version":2/);
  await qcOfficer.goto(projectUrl);
  assert.equal(await qcOfficer.textContent('h1'), 'Érosion des berges, version 2');
  const receiptSha = (await qc.textContent('main code')).trim();

  // The Québec side evaluates what was filed: the evaluator reads exactly version 2 beside the
  // scoring form, with the fingerprint of the receipt — not the lead's next draft.
  await qc.goto(projectUrl);
  await qc.click('text=Rouvrir pour déposer une nouvelle version');
  await qc.waitForURL(projectUrl);
  await qc.goto(projectUrl + '/edit');
  await qc.fill('#f-title', 'Brouillon non déposé');
  await qc.click('button.primary');
  await qc.waitForURL(projectUrl);
  await qcOfficer.goto(callUrl + '/grid');
  await qcOfficer.selectOption('#f-method', 'score');
  // The grid starts from the side's previous one: one criterion kept, the others cleared.
  for (const input of await qcOfficer.locator('table.rows-table input').all()) await input.fill('');
  await qcOfficer.fill('#f-criterion_fr-1', 'Pertinence');
  await qcOfficer.fill('#f-criterion_en-1', 'Relevance');
  await qcOfficer.fill('#f-criterion_weight-1', '1');
  await qcOfficer.click('button.primary');
  await qcOfficer.goto(callUrl + '/evaluations');
  const row = qcOfficer.locator('tr', { hasText: 'Érosion des berges, version 2' });
  await row.locator('select[name^=evaluator-]').selectOption({ label: 'Geneviève Roy' });
  await qcOfficer.click('button:has-text("Enregistrer le tableau")');
  await qcOfficer.waitForURL(callUrl + '/evaluations');
  const evaluator = await login('evaluateur.qc@demo.passerelle.test', 'fr-CA');
  await evaluator.goto(server.base + '/evaluations');
  await evaluator.click('text=Érosion des berges, version 2');
  await evaluator.waitForURL(/\/evaluations\/\d+$/);
  assert.equal(await evaluator.textContent('[data-field=title]'), 'Érosion des berges, version 2');
  assert.equal(await evaluator.getAttribute('[data-field=version]', 'value'), '2');
  assert.equal(await evaluator.textContent('[data-field=summary]'), 'Deux laboratoires mesurent l’érosion des berges.');
  assert.equal(await evaluator.textContent('[data-field=content_sha256]'), receiptSha);
  assert.doesNotMatch(await evaluator.textContent('main'), /Brouillon non déposé/);
  assert.equal(await evaluator.locator('input[name^=score_]').count(), 1, 'the form is beside it');
  // At both widths; WCAG 1.4.10 reflow: nothing makes the page scroll sideways (a wide table
  // scrolls in its box).
  await accessible(evaluator, 'evaluation page');

  // After the deadline (the test clock moves past 2030): read-only, with a banner that says why
  // — the draft was not filed again in time, so version 2 stands.
  const moved = await fetch(`${server.base}/__test/clock?advance_ms=${5 * 365 * 86400000}`, { method: 'POST' });
  assert.equal(moved.status, 204);
  const late = await login('demandeur.qc@demo.passerelle.test', 'fr-CA');
  await late.goto(projectUrl);
  assert.match(await late.textContent('main'), /c’est la version déposée avant qui compte/);
  assert.equal(await late.locator('text=Rouvrir pour déposer une nouvelle version').count(), 0);
  assert.equal(await late.locator(`a[href$="/edit"]`).count(), 0);
  await accessible(late, 'a filed project after the deadline');
  for (const p of [wbOfficer, qcOfficer, qc, wb, late, evaluator]) await p.context().close();
});
