// The article's scenario in a real browser, on the demo just after the June 2019 plenary: the
// mid-term review of the XIe CMP (progress reports, a favourable and an unfavourable joint
// opinion, year 2 released only for the favourable one), then the September 2020 session adopts
// a new calendar giving every running project twelve more months, previewed and applied.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import XLSX from 'xlsx';
import { startDemo, launch, newPage, axeViolations, accessibleAtBothWidths, writtenEmails, PASSWORD, loginAs } from '../lib.mjs';

let server;
let browser;

before(async () => {
  server = await startDemo('selected');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

function login(email) {
  return loginAs(browser, server.base, email);
}

// Every page of the walk: axe at 1280 and 390 px, no sideways scroll (issue 13).
const accessible = accessibleAtBothWidths;

/** (funded project path, WB lead address) of the mid-term emails, once written. */
async function campaignLeads() {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const found = new Map();
    for (const raw of writtenEmails(server.dataDir)) {
      const to = raw.match(/^To: (porteur\d+\.wb@demo\.passerelle\.test)/m);
      const link = raw.match(/\/funded\/(\d+)/);
      if (to && link && raw.includes('la deuxième année')) found.set(link[1], to[1]);
    }
    if (found.size >= 2) return [...found.entries()].sort((a, b) => a[0] - b[0]);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('no mid-term emails written');
}

test('mid-term review, then a new calendar for every running project', async () => {
  const qc = await login('charge.qc@demo.passerelle.test');
  await qc.goto(server.base + '/commissions/1/followup');
  await accessible(qc, 'the commission follow-up');
  await qc.fill('#due_on', '2020-08-31');
  await qc.click('text=Ouvrir la revue à mi-étape');
  await qc.waitForURL(server.base + '/commissions/1/followup');
  assert.match(await qc.textContent('main'), /Revue à mi-étape ouverte/);

  const [[good, goodLead], [bad, badLead]] = await campaignLeads();
  for (const [id, email] of [[good, goodLead], [bad, badLead]]) {
    const lead = await login(email);
    await lead.goto(`${server.base}/funded/${id}`);
    await lead.fill('#progress', 'Missions de l’automne réalisées ; celles du printemps tenues à distance.');
    await lead.fill('#used', '2400');
    await lead.fill('#forecast', '4200');
    await lead.click('text=Remettre le rapport d’étape');
    await lead.waitForURL(`${server.base}/funded/${id}`);
    assert.match(await lead.textContent('main'), /tenues à distance/);
    await accessible(lead, 'a funded project, for its lead');
    await lead.context().close();
  }

  const wb = await login('charge.wb@demo.passerelle.test');
  for (const [page, id, verdict] of [[wb, good, 'yes'], [qc, good, 'yes'], [wb, bad, 'yes'], [qc, bad, 'no']]) {
    await page.goto(`${server.base}/funded/${id}`);
    await page.check(`input[name="favourable"][value="${verdict}"]`);
    await page.click('text=Donner l’avis');
    await page.waitForURL(`${server.base}/funded/${id}`);
  }
  // The September 2020 session adopts a new calendar; both sides approve it.
  const mwb = await login('commission.wb@demo.passerelle.test');
  await mwb.goto(server.base + '/sessions/2');
  await mwb.click('text=Ouvrir la séance');
  await mwb.waitForURL(server.base + '/sessions/2');
  // It opens once the other side asks too.
  const mqc = await login('commission.qc@demo.passerelle.test');
  await mqc.goto(server.base + '/sessions/2');
  await mqc.click('text=Ouvrir la séance');
  await mqc.waitForURL(server.base + '/sessions/2');
  await mwb.goto(server.base + '/sessions/2');
  // The joint opinions are recorded at the session: now year 2 can be released.
  await wb.goto(`${server.base}/funded/${good}`);
  await accessible(wb, 'a funded project, for an officer');
  await wb.click('text=Débloquer le financement de la deuxième année pour ma partie');
  await wb.waitForURL(`${server.base}/funded/${good}`);
  assert.match(await wb.textContent('main'), /Deuxième année débloquée par\s: Wallonie-Bruxelles/);
  await wb.goto(`${server.base}/funded/${bad}`);
  assert.equal(await wb.locator('text=Débloquer le financement').count(), 0, 'no year 2 without a favourable joint opinion');

  await mwb.click('text=Nouveau calendrier des projets en cours');
  await accessible(mwb, 'the new-calendar form');
  await mwb.fill('#f-months', '12');
  await mwb.fill('#f-note', 'Pandémie de COVID-19');
  await mwb.click('button.primary');
  await mwb.waitForURL(server.base + '/sessions/2');
  await mqc.goto(server.base + '/sessions/2');
  await mqc.locator('li', { hasText: 'Nouveau calendrier' }).locator('text=Approuver pour ma partie').click();
  await mqc.waitForURL(server.base + '/sessions/2');
  assert.match(await mqc.textContent('main'), /reportées de 12 mois — Pandémie de COVID-19 — décision conjointe enregistrée/);

  // Preview, then apply: every running project, old and new end side by side.
  await qc.goto(server.base + '/commissions/1/followup');
  await qc.click('text=Nouveau calendrier : les dates de fin');
  assert.equal(await qc.locator('tbody tr').count(), 26);
  await accessible(qc, 'the calendar preview');
  const [oldEnd, newEnd] = await qc.locator('tbody tr').first().locator('td').allTextContents();
  assert.notEqual(oldEnd, newEnd);
  await qc.click('text=Appliquer ce calendrier à tous ces projets');
  assert.match(await qc.textContent('main'), /Le nouveau calendrier est appliqué/);
  assert.equal(await qc.locator('text=Appliquer ce calendrier').count(), 0, 'applied once');
  await qc.goto(`${server.base}/funded/${good}`);
  assert.match(await qc.textContent('main'), /reportée au/);
  await accessible(qc, 'a rescheduled project');
  // The CSV export re-imports into a spreadsheet library with no formula cell, money per side.
  const csv = await (await qc.request.get(server.base + '/commissions/1/funded.csv')).text();
  const sheet = XLSX.read(csv, { type: 'string' });
  const cells = Object.entries(sheet.Sheets[sheet.SheetNames[0]]).filter(([k]) => !k.startsWith('!'));
  assert.ok(cells.length > 26 * 5);
  assert.deepEqual(cells.filter(([, c]) => c.f !== undefined), [], 'no formula cell');
  for (const p of [qc, wb, mwb, mqc]) await p.context().close();
});
