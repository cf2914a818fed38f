// Whole journeys in a real browser, with 0 axe violations (WCAG 2.x A/AA) on every page seen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startDemo, launch, newPage, axeViolations, accessibleAtBothWidths, PASSWORD, loginAs } from '../lib.mjs';

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

test('home, login and sign-up pages in French have no accessibility violations', async () => {
  const page = await newPage(browser, 'fr-BE');
  for (const [path, heading] of [
    ['/', 'Coopération Wallonie-Bruxelles – Québec'],
    ['/login', 'Se connecter'],
    ['/signup', 'Créer un compte'],
  ]) {
    const res = await page.goto(server.base + path);
    assert.equal(res.status(), 200);
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    assert.equal((await page.textContent('h1')).trim(), heading);
    await accessible(page, `${path} (fr)`);
  }
  await page.context().close();
});

test('the language switch turns every page into English', async () => {
  const page = await newPage(browser, 'fr-BE');
  await page.goto(server.base + '/');
  await page.click('.lang-switch button');
  await page.waitForURL(server.base + '/');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal((await page.textContent('h1')).trim(), 'Wallonia-Brussels – Québec cooperation');
  assert.match(await page.textContent('main'), /11th Permanent Joint Commission \(2019–2021\)/);
  await accessible(page, '/ (en)');
  for (const [path, heading] of [['/login', 'Log in'], ['/signup', 'Create an account']]) {
    await page.goto(server.base + path);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal((await page.textContent('h1')).trim(), heading);
    await accessible(page, `${path} (en)`);
  }
  await page.context().close();
});

test('a sign-up form with errors keeps the input, points to the fields, and stays accessible', async () => {
  for (const [locale, message] of [['fr-CA', 'Saisissez une adresse courriel valide'], ['en', 'Enter a valid email address']]) {
    const page = await newPage(browser, locale);
    await page.goto(server.base + '/signup');
    await page.fill('#f-name', 'Léa Tremblay');
    await page.fill('#f-email', 'pas-une-adresse');
    await page.fill('#f-password', 'court');
    const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/signup')), page.click('button.primary')]);
    assert.equal(res.status(), 422);
    assert.equal(await page.inputValue('#f-name'), 'Léa Tremblay');
    assert.equal(await page.inputValue('#f-email'), 'pas-une-adresse');
    assert.equal(await page.getAttribute('#f-email', 'aria-invalid'), 'true');
    assert.match(await page.textContent('#f-email-error'), new RegExp(message));
    assert.equal(await page.locator('.summary-of-errors a[href="#f-email"]').count(), 1);
    await accessible(page, `/signup with errors (${locale})`);
    await page.context().close();
  }
});

test('a demo officer logs in and reaches the account page', async () => {
  const page = await loginAs(browser, server.base, 'charge.wb@demo.passerelle.test', 'fr-BE');
  await page.click('a[href="/account"]');
  assert.equal((await page.textContent('h1')).trim(), 'Mon compte');
  assert.equal(await page.inputValue('#f-name'), 'Sophie Lemaire');
  await accessible(page, '/account');
  await page.click('text=Se déconnecter');
  await page.waitForURL(server.base + '/');
  assert.equal(await page.locator('a[href="/login"]').count() > 0, true);
  await page.context().close();
});

test('an administrator sees accounts and roles', async () => {
  const page = await loginAs(browser, server.base, 'admin@demo.passerelle.test', 'en');
  await page.goto(server.base + '/admin/users');
  assert.match(await page.textContent("caption"), /105 comptes|105 accounts/);
  await accessible(page, '/admin/users');
  // 50 people a page: someone further down is found by searching.
  assert.equal(await page.locator('tbody tr').count(), 50);
  await page.fill('#q', 'benali');
  await page.click('form.search button');
  await page.waitForURL(/\/admin\/users\?q=benali/);
  assert.match(await page.textContent('caption'), /^1 (account|compte)$/);
  await accessible(page, '/admin/users?q=');
  await page.click('text=Nadia Benali');
  await accessible(page, '/admin/users/{id}');
  await page.context().close();
});

test('unknown pages get a localized, accessible 404', async () => {
  const page = await newPage(browser, 'en');
  const res = await page.goto(server.base + '/nowhere');
  assert.equal(res.status(), 404);
  assert.equal((await page.textContent('h1')).trim(), 'Page not found');
  await accessible(page, '404');
  await page.context().close();
});

test('the accessibility check itself catches a known violation', async () => {
  const page = await newPage(browser, 'fr-BE');
  await page.setContent('<!doctype html><html lang="fr"><title>t</title><main><img src="x.png"></main></html>');
  const violations = await axeViolations(page);
  assert.ok(violations.some((v) => v.startsWith('image-alt')), violations.join('\n'));
  await page.context().close();
});

test('the XIe evaluations: the WB jury ranking and the QC scores, each side on its own', async () => {
  const page = await loginAs(browser, server.base, 'charge.wb@demo.passerelle.test', 'fr-BE');
  await page.goto(server.base + '/calls');
  await page.click('text=XIe >> nth=0');
  const callUrl = page.url();
  await page.goto(callUrl + '/evaluations');
  const main = await page.textContent('main');
  assert.match(main, /Classement par un jury/);
  assert.match(main, /place moyenne 1,00/);
  assert.match(main, /Sarah Janssens — /, 'the affiliation is listed');
  await accessible(page, '/calls/{id}/evaluations');
  await page.context().close();

  const juror = await loginAs(browser, server.base, 'evaluateur.wb@demo.passerelle.test', 'fr-BE');
  await juror.goto(server.base + '/evaluations');
  await juror.locator('main li a').first().click();
  assert.match(await juror.textContent('main'), /Place de ce projet/);
  assert.match(await juror.textContent('main'), /Évaluation remise/);
  await accessible(juror, '/evaluations/{id}');
  await juror.context().close();
});

test('the 2020 follow-up of the full demo: dashboard, funded project, new calendar preview', async () => {
  const page = await loginAs(browser, server.base, 'charge.qc@demo.passerelle.test', 'fr-CA');
  await page.goto(server.base + '/commissions/1/followup');
  assert.match(await page.textContent('main'), /rapport attendu le/);
  await accessible(page, '/commissions/{id}/followup');
  await page.click('text=Tableau de bord');
  assert.match(await page.textContent('main'), /Tenue à distance/);
  assert.equal(await page.locator('svg[role="img"]').count(), 5);
  await accessible(page, '/commissions/{id}/dashboard');
  await page.click('text=Tout le programme');
  assert.match(await page.textContent('h1'), /Tableau de bord du programme/);
  await accessible(page, '/programmes/{id}/dashboard');
  await page.goto(server.base + '/funded/2');
  assert.match(await page.textContent('main'), /Annulée|Tenue à distance/);
  await accessible(page, '/funded/{id}');
  await page.goto(server.base + '/commissions/1/followup');
  await page.click('text=Nouveau calendrier : les dates de fin');
  assert.equal(await page.locator('tbody tr').count(), 26);
  await accessible(page, '/resolutions/{id}/calendar');
  await page.context().close();
});

test('each role lands on its workspace, accessible at 1280 and 390 px', async () => {
  for (const [account, heading] of [
    ['charge.wb', 'Mon administration'],
    ['commission.qc', 'Commission mixte'],
    ['evaluateur.qc', 'Mes évaluations'],
    ['porteur01.qc', 'Mes projets'],
    ['admin', 'Administration'],
    ['coach', 'Accompagnement'],
  ]) {
    const page = await loginAs(browser, server.base, `${account}@demo.passerelle.test`, 'fr-BE');
    assert.match(await page.textContent('#main'), new RegExp(heading), account);
    await accessible(page, `/me as ${account}`);
    await page.context().close();
  }
});

test('Grands Rendez-vous: the editions list and the running 3rd edition, then the 4th approved by WBI', async () => {
  const page = await loginAs(browser, server.base, 'charge.wb@demo.passerelle.test', 'fr-BE');
  await page.click('nav >> text=Éditions des GRV');
  await page.waitForURL(/\/grv\/editions$/);
  assert.match(await page.textContent('main'), /3es Grands Rendez-vous/);
  assert.match(await page.textContent('main'), /Programme en cours/);
  await accessible(page, 'the GRV editions list');
  await page.click('text=3es Grands Rendez-vous');
  assert.match(await page.textContent('main'), /du 1er février 2021 au 30 juin 2021/);
  assert.match(await page.textContent('main'), /En ligne/);
  await accessible(page, 'the 3rd edition');
  // The 4th, drafted by Québec: WBI approves it as it saw it, and it stands.
  await page.goto(server.base + '/grv/editions');
  await page.click('text=4es Grands Rendez-vous');
  assert.match(await page.textContent('main'), /En préparation/);
  await accessible(page, 'the 4th edition (draft)');
  await page.click('button:has-text("Approuver l’édition pour ma partie")');
  assert.match(await page.textContent('main'), /Approuvée/);
  await page.context().close();
});

test('Grands Rendez-vous: the sides open a call, a candidate applies, files and consents, both sides screen, the cohort is selected jointly', async () => {
  const day = 864e5;
  const iso = (ms) => new Date(ms).toISOString();
  const now = Date.now();
  // WBI drafts a 5th edition whose call closes in 30 days on both sides.
  const wb = await loginAs(browser, server.base, 'charge.wb@demo.passerelle.test', 'fr-BE');
  await wb.goto(server.base + '/grv/editions/new');
  await wb.fill('#f-number', '5');
  await wb.fill('#f-title_fr', '5es Grands Rendez-vous Québec/Wallonie-Bruxelles');
  await wb.fill('#f-title_en', '5th Grands Rendez-vous Québec/Wallonia-Brussels');
  await wb.fill('#f-theme_fr', 'Économie sociale et numérique');
  await wb.fill('#f-theme_en', 'Social and digital economy');
  await wb.selectOption('#f-format', 'online');
  await wb.fill('#f-starts_on', iso(now + 60 * day).slice(0, 10));
  await wb.fill('#f-ends_on', iso(now + 160 * day).slice(0, 10));
  for (const id of await wb.$$eval('input[name^="deadline_"]', (els) => els.map((e) => e.id))) {
    await wb.fill('#' + id, iso(now + 30 * day).slice(0, 16));
  }
  for (const id of await wb.$$eval('input[name^="places_"]', (els) => els.map((e) => e.id))) {
    await wb.fill('#' + id, '8');
  }
  await wb.click('button:has-text("Enregistrer")');
  await wb.waitForURL(/\/grv\/editions\/\d+$/);
  const edition = wb.url();
  const qc = await loginAs(browser, server.base, 'charge.qc@demo.passerelle.test', 'fr-CA');
  await qc.goto(edition);
  await qc.click('button:has-text("Approuver l’édition pour ma partie")');
  for (const officer of [wb, qc]) {
    await officer.goto(edition);
    await officer.click('button:has-text("Appel ouvert")');
  }
  assert.match(await qc.textContent('main'), /Appel ouvert/);
  await wb.context().close();
  await qc.context().close();

  // The public finds the call and is asked to sign in.
  const anon = await newPage(browser, 'fr-BE');
  await anon.goto(server.base + '/grands-rendez-vous');
  await accessible(anon, 'the public list of the Grands Rendez-vous');
  await anon.click('text=5es Grands Rendez-vous');
  assert.match(await anon.textContent('main'), /Se connecter pour candidater/);
  await accessible(anon, 'the call for candidates (anonymous)');
  await anon.context().close();

  // A Walloon candidate applies, keeps a draft, reviews, files and consents.
  const c = await loginAs(browser, server.base, 'demandeur.wb@demo.passerelle.test', 'fr-BE');
  await c.goto(server.base + '/grands-rendez-vous');
  await c.click('text=5es Grands Rendez-vous');
  await c.click('button:has-text("Déposer ma candidature")');
  await c.waitForURL(/\/candidacies\/\d+$/);
  await c.selectOption('#f-kind', 'team');
  await c.fill('#f-team', 'Awa Diallo\nLéo Martin');
  await c.fill('#f-idea_title', 'Atelier de réparation itinérant');
  // Autosaved as typed: the draft is on the server without pressing a button.
  await c.waitForSelector('.autosave-status:has-text("Brouillon enregistré")', { timeout: 10000 });
  await accessible(c, 'the candidacy form');
  await c.click('button:has-text("Enregistrer et relire")');
  await c.waitForURL(/\/review$/);
  assert.match(await c.textContent('main'), /À compléter avant le dépôt/);
  await accessible(c, 'the review of an incomplete candidacy');
  await c.click('a:has-text("Modifier mes réponses")');
  await c.fill('#f-idea_summary', 'Un atelier mobile qui répare vélos et petits appareils dans les villages.');
  await c.fill('#f-theme', 'Économie circulaire');
  await c.fill('#f-motivation', 'Réduire les déchets et créer des emplois locaux.');
  await c.fill('#f-availability', 'Les lundis et mercredis soir.');
  await c.click('button:has-text("Enregistrer et relire")');
  await c.waitForURL(/\/review$/);
  await c.click('button:has-text("Déposer ma candidature")');
  await c.waitForURL(/filed=1/);
  assert.match(await c.textContent('main'), /Votre candidature est déposée/);
  assert.match(await c.textContent('main'), /Version 1 de votre candidature/);
  await accessible(c, 'the filed candidacy with its receipt');
  await c.click('button:has-text("J’y consens")');
  await c.waitForURL(/consent=1/);
  assert.match(await c.textContent('main'), /Consentement donné le/);
  await accessible(c, 'the candidacy after consent');
  const candidacy = c.url().replace(/\?.*$/, '');
  await c.context().close();

  // The call closes and screening starts: each step asked for by both sides.
  const officers = [['charge.wb@demo.passerelle.test', 'fr-BE'], ['charge.qc@demo.passerelle.test', 'fr-CA']];
  for (const step of ['« Appel clos »', '« Présélection »']) {
    for (const [email, locale] of officers) {
      const o = await loginAs(browser, server.base, email, locale);
      await o.goto(edition);
      await o.click(`button:has-text("${step}")`);
      await o.context().close();
    }
  }
  // WBI screens its candidacies alone and sends its shortlist.
  const wbs = await loginAs(browser, server.base, 'charge.wb@demo.passerelle.test', 'fr-BE');
  await wbs.goto(edition);
  await wbs.click('a:has-text("Présélection de ma partie")');
  await wbs.waitForURL(/\/screening$/);
  assert.match(await wbs.textContent('main'), /Atelier de réparation itinérant/);
  await accessible(wbs, 'a side’s screening');
  await wbs.selectOption('select[id^="verdict-"]', 'priority');
  await wbs.fill('textarea[id^="note-"]', 'Idée solide, équipe complète.');
  await wbs.click('button:has-text("Enregistrer la présélection")');
  await wbs.waitForURL(/done=saved/);
  await wbs.click('button:has-text("Envoyer la présélection")');
  await wbs.waitForURL(/done=sent/);
  assert.match(await wbs.textContent('main'), /Présélection envoyée le/);
  await accessible(wbs, 'the screening once sent');
  await wbs.goto(edition + '/cohort');
  assert.match(await wbs.textContent('main'), /En attente de/);
  assert.doesNotMatch(await wbs.textContent('main'), /Idée solide/);
  await accessible(wbs, 'the joint selection before both sides sent');
  // Québec has no candidacy; it sends its (empty) shortlist, and the sides have met.
  const qcs = await loginAs(browser, server.base, 'charge.qc@demo.passerelle.test', 'fr-CA');
  await qcs.goto(edition + '/screening');
  assert.doesNotMatch(await qcs.textContent('main'), /Atelier de réparation itinérant/);
  await qcs.click('button:has-text("Envoyer la présélection")');
  await qcs.waitForURL(/done=sent/);
  await qcs.click('a:has-text("Ouvrir la sélection conjointe")');
  await qcs.waitForURL(/\/cohort$/);
  assert.match(await qcs.textContent('main'), /Idée solide, équipe complète/);
  await qcs.selectOption('select[id^="outcome-"]', 'selected');
  await qcs.click('button:has-text("Enregistrer la proposition")');
  await qcs.waitForURL(/done=saved/);
  await accessible(qcs, 'the joint selection with a proposal');
  await qcs.click('button:has-text("Approuver cette cohorte pour ma partie")');
  await qcs.waitForURL(/done=approved/);
  await wbs.goto(edition + '/cohort');
  await wbs.click('button:has-text("Approuver cette cohorte pour ma partie")');
  await wbs.waitForURL(/done=approved/);
  assert.match(await wbs.textContent('main'), /La cohorte est arrêtée/);
  await accessible(wbs, 'the cohort once it stands');
  await wbs.context().close();
  await qcs.context().close();
  // The candidate reads that she is selected, and may give up her place.
  const sel = await loginAs(browser, server.base, 'demandeur.wb@demo.passerelle.test', 'fr-BE');
  await sel.goto(candidacy);
  assert.match(await sel.textContent('main'), /Vous êtes retenu ou retenue dans la cohorte/);
  assert.match(await sel.textContent('main'), /Renoncer à ma place/);
  await accessible(sel, 'the selected candidate’s candidacy');
  await sel.context().close();

  // The programme: WBI adds a workshop held this afternoon and a coaching session next week,
  // typed in Brussels time, and assigns the coach.
  const brussels = (ms) => new Date(ms).toLocaleString('sv-SE', { timeZone: 'Europe/Brussels' }).replace(' ', 'T').slice(0, 16);
  const org = await loginAs(browser, server.base, 'charge.wb@demo.passerelle.test', 'fr-BE');
  await org.goto(edition);
  await org.click('a:has-text("Programme et séances")');
  await org.waitForURL(/\/programme$/);
  await accessible(org, 'the programme before its sessions');
  for (const [kind, title, at] of [['workshop', 'Atelier de lancement', Date.now() - 3 * 3600e3], ['coaching', 'Premier coaching', Date.now() + 7 * day]]) {
    await org.click('a:has-text("Ajouter une séance")');
    await org.selectOption('#f-kind', kind);
    await org.fill('#f-title_fr', title);
    await org.fill('#f-title_en', title + ' (EN)');
    await org.fill('#f-starts_at', brussels(at));
    await org.selectOption('#f-zone', 'Europe/Brussels');
    await org.fill('#f-minutes', '90');
    await org.fill('#f-meeting_url', 'https://meet.example.org/grv5');
    if (kind === 'workshop') await accessible(org, 'the session form');
    await org.click('button:has-text("Ajouter la séance")');
    await org.waitForURL(/\/programme\?done=session$/);
  }
  await org.selectOption('select[id^="coach-"]', { label: 'Nadia Benali' });
  await org.click('button:has-text("Attribuer")');
  await org.waitForURL(/done=coach/);
  assert.match(await org.textContent('main'), /Coach attribué/);
  await accessible(org, 'the programme with its sessions and coach');
  await org.context().close();

  // The participant reads the programme and what is next, and downloads a session's .ics.
  const part = await loginAs(browser, server.base, 'demandeur.wb@demo.passerelle.test', 'fr-BE');
  await part.goto(candidacy);
  await part.click('a:has-text("Mon parcours")');
  await part.waitForURL(/\/grv\/participants\/\d+$/);
  const mine = part.url();
  assert.match(await part.textContent('main'), /À venir[\s\S]*Premier coaching/);
  assert.match(await part.textContent('main'), /heure de Bruxelles[\s\S]*heure du Québec/);
  await accessible(part, 'the participant’s page');
  const [download] = await Promise.all([
    part.waitForEvent('download'),
    part.click('.card a:has-text("Ajouter à mon agenda (.ics)")'),
  ]);
  const ics = readFileSync(await download.path(), 'utf8');
  assert.match(ics, /BEGIN:VCALENDAR/);
  assert.match(ics, /SUMMARY:Séance de coaching — Premier coaching/);
  assert.match(ics, /https:\/\/meet\.example\.org\/grv5/);
  await part.context().close();

  // The coach records attendance at the workshop and writes a note.
  const coach = await loginAs(browser, server.base, 'coach@demo.passerelle.test', 'fr-BE');
  await coach.goto(mine);
  await accessible(coach, 'a participant’s page, as their coach');
  await coach.fill('#f-body', 'Belle énergie au lancement ; préparer trois entretiens clients.');
  await coach.click('button:has-text("Enregistrer")');
  await coach.waitForURL(/done=note/);
  await coach.click('a:has-text("Atelier de lancement")');
  await coach.waitForURL(/\/grv\/sessions\/\d+$/);
  // The cohort of this edition is the one participant.
  await coach.check('input[name^="attendance-"][value="present"]');
  await accessible(coach, 'a session’s attendance');
  await coach.click('button:has-text("Enregistrer les présences")');
  await coach.waitForURL(/done=attendance/);
  assert.match(await coach.textContent('main'), /Présences enregistrées/);
  await coach.context().close();

  // The participant reads both.
  const back = await loginAs(browser, server.base, 'demandeur.wb@demo.passerelle.test', 'fr-BE');
  await back.goto(mine);
  assert.match(await back.textContent('main'), /Belle énergie au lancement/);
  assert.match(await back.textContent('main'), /Présence\s*:\s*Présent ou présente/);

  // The announcement: she gives a photo with its credit line; the public cohort page shows
  // her; she withdraws her consent, and the page and the photo's address forget her.
  const photo = await back.screenshot({ type: 'jpeg', quality: 80 });
  await back.goto(candidacy);
  await back.setInputFiles('#f-photo', { name: 'moi.jpg', mimeType: 'image/jpeg', buffer: photo });
  await back.fill('#f-credit', '© Antoine Hin');
  await back.click('button:has-text("Envoyer la photo")');
  await back.waitForURL(/photo=1/);
  assert.match(await back.textContent('main'), /Photo enregistrée, sans ses métadonnées/);
  await accessible(back, 'the candidacy with its photo');
  const visitor = await newPage(browser, 'fr-BE');
  const cohortPage = edition.replace(/\/grv\/editions\/(\d+)$/, '/grands-rendez-vous/$1/cohort');
  await visitor.goto(cohortPage);
  assert.match(await visitor.textContent('main'), /Atelier de réparation itinérant/);
  assert.match(await visitor.textContent('main'), /© Antoine Hin/);
  await accessible(visitor, 'the public cohort page');
  const src = await visitor.getAttribute('.people img', 'src');
  assert.equal((await visitor.request.get(server.base + src)).status(), 200);
  await back.click('button:has-text("Retirer mon consentement")');
  await back.waitForURL(/consent=1/);
  await visitor.reload();
  assert.doesNotMatch(await visitor.textContent('main'), /Atelier de réparation itinérant/);
  assert.equal((await visitor.request.get(server.base + src)).status(), 404);
  await accessible(visitor, 'the public cohort page after the withdrawal');
  await visitor.context().close();
  await back.context().close();
});
