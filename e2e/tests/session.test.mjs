// A commission session in a real browser, in French, on the demo before its June 2019 plenary:
// both sides' members open it, a project is selected with each side's amount, approved by the
// other side (only then is it a joint decision), the next call's themes are adopted, the
// session is closed and both co-chairs sign the minutes. Every page is checked with axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, launch, newPage, accessibleAtBothWidths, PASSWORD, loginAs } from '../lib.mjs';

let server;
let browser;

before(async () => {
  server = await startDemo('filed');
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

function login(email, locale) {
  return loginAs(browser, server.base, email, locale);
}

test('a joint session from agenda to closing, in French', async () => {
  const wb = await login('commission.wb@demo.passerelle.test', 'fr-BE');
  // The workspace lists the session, whose time has come, among those to open.
  assert.match(await wb.textContent('#main'), /Séances à ouvrir/);
  await wb.click('#main a[href^="/sessions/"] >> nth=0');
  await wb.waitForURL(/\/sessions\/\d+$/);
  const sessionUrl = wb.url();
  assert.match(await wb.textContent('main'), /18 juin 2019 à 09:30 \(heure de Bruxelles\)/);
  assert.match(await wb.textContent('main'), /classement visible à l’ouverture de la séance/);
  await accessibleAtBothWidths(wb, 'axe on the scheduled session');

  // Opening shows each side's ranking to the other: it takes both sides.
  await wb.click('text=Ouvrir la séance');
  await wb.waitForURL(sessionUrl);
  assert.match(await wb.textContent('main'), /Ouverture demandée par\s: .*Wallonie-Bruxelles/);
  assert.match(await wb.textContent('main'), /Québec\s: classement visible à l’ouverture de la séance/);
  await accessibleAtBothWidths(wb, 'axe on the session awaiting the other side');
  const qc = await login('commission.qc@demo.passerelle.test', 'fr-CA');
  await qc.goto(sessionUrl);
  await qc.click('text=Ouvrir la séance');
  await qc.waitForURL(sessionUrl);
  await wb.goto(sessionUrl);
  const first = wb.locator('section.agenda-item').first();
  await first.locator('select[name="outcome"]').selectOption('selected');
  await first.locator('input[name="amount_WB"]').fill('1500');
  await first.locator('input[name="amount_QC"]').fill('2000');
  await first.locator('text=Proposer cette décision').click();
  await wb.waitForURL(sessionUrl);
  assert.match(await wb.locator('section.agenda-item').first().textContent(), /en attente de l’approbation de l’autre partie/);
  await accessibleAtBothWidths(wb, 'axe on the open session');

  await qc.goto(sessionUrl);
  // While Québec's page is open, Wallonie-Bruxelles proposes other amounts: Québec's approval
  // from the old page is refused with the reason, and nothing is recorded.
  const again = wb.locator('section.agenda-item').first();
  await wb.goto(sessionUrl);
  await again.locator('select[name="outcome"]').selectOption('selected');
  await again.locator('input[name="amount_WB"]').fill('1600');
  await again.locator('input[name="amount_QC"]').fill('2100');
  await again.locator('text=Proposer cette décision').click();
  await wb.waitForURL(sessionUrl);
  await qc.locator('section.agenda-item').first().locator('text=Approuver pour ma partie').click();
  await qc.waitForLoadState();
  assert.match(await qc.textContent('main'), /Ceci a changé depuis que vous avez ouvert la page/);
  assert.match(await qc.locator('section.agenda-item').first().textContent(), /1\s600,00/);
  await accessibleAtBothWidths(qc, 'axe on the refused approval');
  // Reviewed, approved.
  assert.match(await qc.textContent('main'), /18 juin 2019 à 3 h 30 \(heure du Québec\)/);
  await qc.locator('section.agenda-item').first().locator('text=Approuver pour ma partie').click();
  await qc.waitForURL(sessionUrl);
  assert.match(await qc.locator('section.agenda-item').first().textContent(), /Retenu .*décision conjointe enregistrée/);

  // The next call's priority themes and opening date: a decision of the session too.
  await wb.goto(sessionUrl);
  await wb.click('text=Thèmes prioritaires et ouverture du prochain appel');
  await accessibleAtBothWidths(wb, 'axe on the next-call form');
  await wb.fill('#f-opens_on', '2021-09-15');
  await wb.fill('#f-themes', 'Océans | Oceans');
  await wb.click('button.primary');
  await wb.waitForURL(sessionUrl);
  await qc.goto(sessionUrl);
  await qc.locator('li', { hasText: 'Prochain appel' }).locator('text=Approuver pour ma partie').click();
  await qc.waitForURL(sessionUrl);
  assert.match(await qc.textContent('main'), /thèmes prioritaires\s: Océans — décision conjointe enregistrée/);

  await qc.click('text=Clore la séance');
  await qc.waitForURL(sessionUrl);
  assert.match(await qc.textContent('.state'), /Close/);
  await accessibleAtBothWidths(qc, 'axe on the closed session');

  // Both co-chairs sign the minutes; then they no longer say they await signatures.
  for (const page of [qc, wb]) {
    await page.goto(sessionUrl + '/minutes');
    assert.match(await page.textContent('main'), /en attente de la signature/);
    await page.click('text=Signer le procès-verbal pour ma partie');
    await page.waitForURL(sessionUrl + '/minutes');
  }
  const minutes = await wb.textContent('main');
  assert.match(minutes, /Pour Wallonie-Bruxelles\s: signé par Anne Lambert/);
  assert.match(minutes, /Pour Québec\s: signé par François Côté/);
  assert.match(minutes, /Prochain appel \(XIIe Commission mixte permanente\)\s: ouverture le 15 septembre 2021/);
  assert.doesNotMatch(minutes, /en attente/);
  await accessibleAtBothWidths(wb, 'axe on the signed minutes');
  await wb.context().close();
  await qc.context().close();
});
