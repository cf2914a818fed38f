// A commission session in a real browser, in French: both sides' members open the June 2019
// plenary, a project is selected with each side's amount, approved by the other side (only
// then is it a joint decision), and the session is closed. Every page is checked with axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, launch, newPage, axeViolations, PASSWORD } from '../lib.mjs';

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

async function login(email, locale) {
  const page = await newPage(browser, locale);
  await page.goto(server.base + '/login');
  await page.fill('#f-email', email);
  await page.fill('#f-password', PASSWORD);
  await page.click('button.primary');
  await page.waitForURL(server.base + '/');
  return page;
}

test('a joint session from agenda to closing, in French', async () => {
  const wb = await login('commission.wb@demo.passerelle.test', 'fr-BE');
  await wb.click('text=Séance de la commission >> nth=0');
  await wb.waitForURL(/\/sessions\/\d+$/);
  const sessionUrl = wb.url();
  assert.match(await wb.textContent('main'), /18 juin 2019 à 09:30 \(heure de Bruxelles\)/);
  assert.match(await wb.textContent('main'), /classement visible à l’ouverture de la séance/);
  assert.deepEqual(await axeViolations(wb), [], 'axe on the scheduled session');

  await wb.click('text=Ouvrir la séance');
  await wb.waitForURL(sessionUrl);
  const first = wb.locator('section.agenda-item').first();
  await first.locator('select[name="outcome"]').selectOption('selected');
  await first.locator('input[name="amount_WB"]').fill('1500');
  await first.locator('input[name="amount_QC"]').fill('2000');
  await first.locator('text=Proposer cette décision').click();
  await wb.waitForURL(sessionUrl);
  assert.match(await wb.locator('section.agenda-item').first().textContent(), /en attente de l’approbation de l’autre partie/);
  assert.deepEqual(await axeViolations(wb), [], 'axe on the open session');

  const qc = await login('commission.qc@demo.passerelle.test', 'fr-CA');
  await qc.goto(sessionUrl);
  assert.match(await qc.textContent('main'), /18 juin 2019 à 3 h 30 \(heure de Québec\)/);
  await qc.locator('section.agenda-item').first().locator('text=Approuver pour ma partie').click();
  await qc.waitForURL(sessionUrl);
  assert.match(await qc.locator('section.agenda-item').first().textContent(), /Retenu .*décision conjointe enregistrée/);

  await qc.click('text=Clore la séance');
  await qc.waitForURL(sessionUrl);
  assert.match(await qc.textContent('.state'), /Close/);
  assert.deepEqual(await axeViolations(qc), [], 'axe on the closed session');
  await wb.context().close();
  await qc.context().close();
});
