// Issue 11, from nothing: `passerelle migrate` on an empty database and the first administrator
// from the CLI; then, entirely in Chromium, the programme and its two sides are set up, people
// are invited (their links read from the emails written), the XIIe edition with its co-chairs
// and themes is approved by both sides, a plenary session is convened, a call is approved by
// both sides, two applicants who signed up file one joint project, each side's evaluator
// scores it, the session opens, both sides approve the selection, closes, the co-chairs sign,
// and the funded project exists. No demo data. axe finds nothing on every page seen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEmpty, emailedLinkIn, launch, newPage, accessibleAtBothWidths as bothWidths } from '../lib.mjs';

const ADMIN = { email: 'admin@passerelle.example', name: 'Première administratrice', password: 'une phrase de passe solide' };
const PW = 'une autre phrase de passe';
/** A one-page PDF with a line of text (an annex the evaluator previews). */
const PDF = [
  '%PDF-1.4',
  '1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj',
  '2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj',
  '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj',
  '4 0 obj<</Length 44>>stream',
  'BT /F1 18 Tf 72 760 Td (Budget annexe) Tj ET',
  'endstream endobj',
  '5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj',
  'trailer<</Root 1 0 R>>',
  '%%EOF',
].join('\n');

let server;
let browser;
let pagesSeen = 0;
let checkedLogin = false;
let clicks = 0;

before(async () => {
  server = await startEmpty(ADMIN);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.stop();
});

/** axe at 1280 and 390 px, no sideways scroll, counted. */
async function accessibleAtBothWidths(page, what) {
  pagesSeen += 1;
  await bothWidths(page, what);
}

async function click(page, selector) {
  clicks += 1;
  await page.click(selector);
}

async function signIn(email, password, locale = 'fr-BE') {
  const page = await newPage(browser, locale);
  await page.goto(server.base + '/login');
  if (!checkedLogin) {
    checkedLogin = true;
    await accessibleAtBothWidths(page, '/login');
  }
  await page.fill('#f-email', email);
  await page.fill('#f-password', password);
  await click(page, 'button.primary');
  await page.waitForLoadState();
  return page;
}

function link(dataUrl) {
  return dataUrl.replace(/^https?:\/\/[^/]+/, server.base);
}

test('from an empty database to a funded project, entirely in the browser', async () => {
  // Before the set-up, visitors are told the installation is being prepared.
  const visitor = await newPage(browser, 'fr-BE');
  await visitor.goto(server.base + '/');
  assert.equal((await visitor.textContent('h1')).trim(), 'Installation en préparation');
  await accessibleAtBothWidths(visitor, 'installation being prepared');

  // The administrator signs in and is led to the set-up.
  const admin = await signIn(ADMIN.email, ADMIN.password);
  await admin.goto(server.base + '/');
  await admin.waitForURL(server.base + '/setup');
  await accessibleAtBothWidths(admin, '/setup');
  const setup = {
    name_fr: 'Coopération Wallonie-Bruxelles – Québec', name_en: 'Wallonia-Brussels – Québec cooperation', code: 'WBQC',
    s0_admin_fr: 'Wallonie-Bruxelles International', s0_admin_en: 'Wallonia-Brussels International', s0_acronym: 'WBI',
    s0_name_fr: 'Wallonie-Bruxelles', s0_name_en: 'Wallonia-Brussels', s0_code: 'WB', s0_zone: 'Europe/Brussels',
    s0_currency: 'EUR', s0_logo: 'Wallonie-Bruxelles International',
    s1_admin_fr: 'Ministère des Relations internationales et de la Francophonie', s1_admin_en: 'Ministère des Relations internationales et de la Francophonie',
    s1_acronym: 'MRIF', s1_name_fr: 'Québec', s1_name_en: 'Québec', s1_code: 'QC', s1_zone: 'America/Toronto',
    s1_currency: 'CAD', s1_logo: 'Québec',
    s0_trip: '1200', s0_stay: '1500', s0_year: '9000', s1_trip: '1800', s1_stay: '2000', s1_year: '12000',
  };
  for (const [k, v] of Object.entries(setup)) await admin.fill(`#f-${k}`, v);
  await admin.fill('#f-s1_zone', 'America/Montreal-nowhere');
  await click(admin, 'button.primary');
  await admin.waitForLoadState();
  assert.match(await admin.textContent('#f-s1_zone-error'), /fuseau/);
  assert.equal(await admin.inputValue('#f-s0_admin_fr'), 'Wallonie-Bruxelles International', 'what was typed is kept');
  await accessibleAtBothWidths(admin, '/setup with an error');
  await admin.fill('#f-s1_zone', 'America/Toronto');
  await click(admin, 'button.primary');
  await admin.waitForURL(server.base + '/admin/users?setup=done');
  await accessibleAtBothWidths(admin, '/admin/users after the set-up');

  // People of each side, invited by email; each sets a password from the link.
  const people = [
    ['Sophie Lemaire', 'charge@wbi.example', 'officer', 'WB'],
    ['Isabelle Gagnon', 'charge@mrif.example', 'officer', 'QC'],
    ['Thomas Piron', 'evaluateur@wbi.example', 'evaluator', 'WB'],
    ['Geneviève Roy', 'evaluatrice@mrif.example', 'evaluator', 'QC'],
    ['Anne Lambert', 'copresidence@wbi.example', 'commission_member', 'WB'],
    ['François Côté', 'copresidence@mrif.example', 'commission_member', 'QC'],
  ];
  for (const [name, email, role, side] of people) {
    await admin.goto(server.base + '/admin/users/new');
    if (email === 'charge@wbi.example') await accessibleAtBothWidths(admin, '/admin/users/new');
    await admin.fill('#f-name', name);
    await admin.fill('#f-email', email);
    await admin.selectOption('#f-role', role);
    await admin.selectOption('#f-side', side);
    await click(admin, 'button.primary');
    await admin.waitForURL(/\/admin\/users\/\d+$/);
  }
  await accessibleAtBothWidths(admin, '/admin/users/{id}');
  const pages = {};
  for (const [name, email, , side] of people) {
    const invitation = await emailedLinkIn(server.dataDir, email);
    const p = await newPage(browser, side === 'QC' ? 'fr-CA' : 'fr-BE');
    await p.goto(link(invitation));
    if (email === people[0][1]) await accessibleAtBothWidths(p, '/invitation');
    await p.fill('#f-password', PW);
    await click(p, 'button.primary');
    await p.waitForLoadState();
    await p.context().close();
    pages[email] = await signIn(email, PW, side === 'QC' ? 'fr-CA' : 'fr-BE');
    assert.ok(name);
  }
  const wbOfficer = pages['charge@wbi.example'];
  const qcOfficer = pages['charge@mrif.example'];

  // The XIIe edition: drafted by Wallonie-Bruxelles with its co-chairs and themes, approved by
  // Québec.
  await wbOfficer.goto(server.base + '/commissions');
  await accessibleAtBothWidths(wbOfficer, '/commissions');
  await click(wbOfficer, 'text=Préparer une nouvelle édition');
  await wbOfficer.waitForURL(server.base + '/commissions/new');
  await accessibleAtBothWidths(wbOfficer, '/commissions/new');
  await wbOfficer.fill('#f-number', '12');
  await wbOfficer.fill('#f-start_year', '2026');
  await wbOfficer.fill('#f-end_year', '2028');
  await wbOfficer.selectOption('#f-chair_WB', { label: 'Anne Lambert' });
  await wbOfficer.fill('#f-chair_title_fr_WB', 'Administratrice générale adjointe, WBI');
  await wbOfficer.fill('#f-chair_title_en_WB', 'Deputy Director General, WBI');
  await wbOfficer.selectOption('#f-chair_QC', { label: 'François Côté' });
  await wbOfficer.fill('#f-chair_title_fr_QC', 'Sous-ministre adjoint, MRIF');
  await wbOfficer.fill('#f-chair_title_en_QC', 'Assistant Deputy Minister, MRIF');
  await wbOfficer.fill('#f-themes', 'Lutte contre les changements climatiques | Fighting climate change\nCulture et numérique | Culture and digital');
  await click(wbOfficer, 'button.primary');
  await wbOfficer.waitForURL(/\/commissions\/\d+$/);
  const editionUrl = wbOfficer.url();
  assert.match(await wbOfficer.textContent('main'), /XIIe Commission mixte permanente \(2026–2028\)/);
  assert.match(await wbOfficer.textContent('main'), /En préparation/);
  await accessibleAtBothWidths(wbOfficer, 'edition page (draft)');
  await qcOfficer.goto(editionUrl);
  await click(qcOfficer, 'text=Approuver cette édition pour mon côté');
  await qcOfficer.waitForURL(editionUrl);
  assert.match(await qcOfficer.textContent('main'), /Approuvée par les deux côtés/);
  await accessibleAtBothWidths(qcOfficer, 'edition page (approved)');

  // A plenary session in Brussels, with the co-chairs, officers and members invited.
  await wbOfficer.goto(editionUrl);
  await click(wbOfficer, 'text=Convoquer une séance');
  await wbOfficer.waitForURL(/\/sessions\/new$/);
  await accessibleAtBothWidths(wbOfficer, 'session form');
  await wbOfficer.fill('#f-starts_at', '2027-05-20T09:30');
  await wbOfficer.fill('#f-place', 'Bruxelles, place Sainctelette 2');
  await click(wbOfficer, 'button.primary');
  await wbOfficer.waitForURL(editionUrl);
  assert.match(await wbOfficer.textContent('main'), /20 mai 2027/);
  const convened = await emailedLinkIn(server.dataDir, 'copresidence@mrif.example', /https?:\/\/[^\s"<]+\/sessions\/\d+/);
  const sessionUrl = link(convened);

  // A call, drafted by Québec (the programme's rules and caps filled in) and approved by both.
  await qcOfficer.goto(server.base + '/calls/new');
  await accessibleAtBothWidths(qcOfficer, '/calls/new');
  assert.equal(await qcOfficer.inputValue('#f-cap_trip_QC'), '1800', 'caps come from the programme');
  await qcOfficer.fill('#f-title_fr', 'Appel à projets de la XIIe CMP');
  await qcOfficer.fill('#f-title_en', 'Call for projects of the 12th PJC');
  await qcOfficer.fill('#f-guidelines_fr', 'Déposez **ensemble** un projet conjoint.');
  await qcOfficer.fill('#f-guidelines_en', 'File a joint project **together**.');
  await qcOfficer.check('#f-themes-1');
  await qcOfficer.fill('#f-opens_at', '2026-11-01T09:00');
  await qcOfficer.fill('#f-deadline_WB', '2027-02-15T17:00');
  await qcOfficer.fill('#f-deadline_QC', '2027-02-15T17:00');
  await click(qcOfficer, 'button.primary');
  await qcOfficer.waitForURL(/\/calls\/\d+$/);
  const callUrl = qcOfficer.url();
  await click(qcOfficer, 'text=Approuver pour ma partie');
  await qcOfficer.waitForURL(callUrl);
  await wbOfficer.goto(callUrl);
  await click(wbOfficer, 'text=Approuver pour ma partie');
  await wbOfficer.waitForURL(callUrl);
  assert.match(await wbOfficer.textContent('main'), /Ouvert/);
  await accessibleAtBothWidths(wbOfficer, 'call page');

  // Two applicants sign up, confirm their address, register their organisation and file one
  // joint project. The Québec one comes as a visitor from the home page's open call: "apply"
  // leads through sign-up, the emailed confirmation and login straight into the new project.
  const applicants = {};
  let projectUrl;
  for (const [name, email, side, org, city, locale] of [
    ['Camille Delvaux', 'camille@uliege.example', 'WB', 'Université de Liège', 'Liège', 'fr-BE'],
    ['Mathieu Bergeron', 'mathieu@ulaval.example', 'QC', 'Université Laval', 'Québec', 'fr-CA'],
  ]) {
    const p = await newPage(browser, locale);
    if (side === 'QC') {
      await p.goto(server.base + '/');
      await accessibleAtBothWidths(p, 'home page with the open call');
      await click(p, '.open-calls >> text=Déposer un projet');
      await p.waitForURL(/\/signup\?next=/);
      await accessibleAtBothWidths(p, '/signup, on the way to apply');
    } else {
      await p.goto(server.base + '/signup');
      await accessibleAtBothWidths(p, '/signup');
    }
    await p.fill('#f-name', name);
    await p.fill('#f-email', email);
    await p.fill('#f-password', PW);
    await p.selectOption('#f-side', side);
    await click(p, 'button.primary');
    await p.waitForLoadState();
    await p.goto(link(await emailedLinkIn(server.dataDir, email)));
    if (side === 'WB') await accessibleAtBothWidths(p, '/verify-email');
    if (side === 'QC') await accessibleAtBothWidths(p, '/verify-email, on the way to apply');
    await click(p, 'button.primary');
    await p.waitForLoadState();
    if (side === 'QC') await accessibleAtBothWidths(p, 'address confirmed');
    let a;
    if (side === 'QC') {
      // The confirmation leads to the login page, and the login to the call's new project.
      await click(p, 'main >> text=Se connecter');
      await accessibleAtBothWidths(p, '/login, on the way to apply');
      await p.fill('#f-email', email);
      await p.fill('#f-password', PW);
      await click(p, 'button.primary');
      await p.waitForURL(/\/calls\/\d+\/apply$/);
      await accessibleAtBothWidths(p, '/calls/{id}/apply without an organisation');
      await click(p, 'text=Votre organisme n’est pas dans la liste ? Enregistrez-le.');
      await accessibleAtBothWidths(p, '/organisations/new, on the way to apply');
      a = p;
    } else {
      await p.context().close();
      a = await signIn(email, PW, locale);
      await a.goto(server.base + `/organisations/new?next=${encodeURIComponent(new URL(callUrl).pathname)}`);
      await accessibleAtBothWidths(a, '/organisations/new');
    }
    await a.fill('#f-name', org);
    await a.selectOption('#f-kind', 'university');
    await a.fill('#f-street', 'Place du 20-Août 7');
    await a.fill('#f-postal_code', side === 'WB' ? '4000' : 'G1V 0A6');
    await a.fill('#f-city', city);
    await click(a, 'button.primary');
    await a.waitForLoadState();
    if (side === 'QC') {
      // Back on the call's "start a project" form, the new organisation chosen.
      await a.waitForURL(/\/calls\/\d+\/apply$/);
      await accessibleAtBothWidths(a, '/calls/{id}/apply');
      await a.fill('#f-title', 'Érosion des berges du Saint-Laurent et de la Meuse');
      await click(a, 'button.primary');
      await a.waitForURL(/\/projects\/\d+$/);
      projectUrl = a.url();
      assert.match(await a.textContent('main'), /Brouillon/, 'a saved draft project');
      await accessibleAtBothWidths(a, 'project page');
    }
    applicants[side] = a;
  }
  const lead = applicants.QC;
  await lead.goto(projectUrl + '/edit');
  await accessibleAtBothWidths(lead, 'project form');
  await lead.fill('#f-summary', 'Deux laboratoires mesurent l’érosion des berges.');
  await lead.fill('#f-objectives', 'Partager les méthodes de mesure.');
  await lead.fill('#f-duration', '18');
  await lead.check('#f-themes-1');
  await click(lead, 'button.primary');
  await lead.waitForURL(projectUrl);
  // A PDF annex, read later beside the evaluation form.
  await lead.goto(projectUrl);
  await lead.setInputFiles('#f-file', { name: 'annexe-budget.pdf', mimeType: 'application/pdf', buffer: Buffer.from(PDF) });
  await click(lead, 'text=Téléverser');
  await lead.waitForURL(projectUrl);
  assert.match(await lead.textContent('main'), /annexe-budget\.pdf/);
  await lead.goto(projectUrl + '/invite');
  await accessibleAtBothWidths(lead, 'partner invitation');
  await lead.fill('#f-email', 'camille@uliege.example');
  await click(lead, 'button.primary');
  await lead.waitForLoadState();
  const partner = applicants.WB;
  await partner.goto(link(await emailedLinkIn(server.dataDir, 'camille@uliege.example', /https?:\/\/[^\s"<]+\/projects\/join[^\s"<]*/)));
  await accessibleAtBothWidths(partner, 'join page');
  await click(partner, 'button.primary');
  await partner.waitForURL(projectUrl);
  await click(partner, 'text=Vérifier et déposer');
  await partner.waitForURL(/\/review$/);
  await accessibleAtBothWidths(partner, 'review before filing');
  await click(partner, 'button:has-text("Déposer mon volet")');
  await partner.waitForURL(/\/receipts\/\d+$/);
  await lead.goto(projectUrl);
  await click(lead, 'text=Vérifier et déposer');
  await click(lead, 'button:has-text("Déposer mon volet")');
  await lead.waitForURL(/\/receipts\/\d+$/);
  await accessibleAtBothWidths(lead, 'receipt page');

  // Each side evaluates on its own: a grid, an assignment, a score.
  for (const [officer, evaluatorEmail, evaluatorName] of [
    [wbOfficer, 'evaluateur@wbi.example', 'Thomas Piron'],
    [qcOfficer, 'evaluatrice@mrif.example', 'Geneviève Roy'],
  ]) {
    await officer.goto(callUrl + '/grid');
    await accessibleAtBothWidths(officer, 'evaluation grid');
    await officer.selectOption('#f-method', 'score');
    // One row per criterion; the button adds a row after the blank ones, focused.
    const rows = officer.locator('table.rows-table tbody tr');
    const blank = await rows.count();
    await officer.click('button:has-text("Ajouter un critère")');
    assert.equal(await rows.count(), blank + 1);
    assert.equal(await officer.evaluate(() => document.activeElement.id), `f-criterion_fr-${blank + 1}`);
    await officer.fill('#f-criterion_fr-1', 'Pertinence');
    await officer.fill('#f-criterion_en-1', 'Relevance');
    await officer.fill('#f-criterion_weight-1', '1');
    await click(officer, 'button.primary');
    await officer.waitForLoadState();
    await officer.goto(callUrl + '/evaluations');
    const row = officer.locator('tr', { hasText: 'Érosion des berges' });
    // One table, one save: the evaluator chosen on the project's row, the recommendation
    // left to decide.
    await row.locator('select[name^=evaluator-]').selectOption({ label: evaluatorName });
    await officer.click('button:has-text("Enregistrer le tableau")');
    clicks += 1;
    await officer.waitForURL(callUrl + '/evaluations');
    await accessibleAtBothWidths(officer, 'side evaluation page');
    const evaluator = pages[evaluatorEmail];
    // The workspace lists the assignment with its due date; one click opens it.
    await evaluator.goto(server.base + '/me');
    assert.match(await evaluator.textContent('#main'), /À évaluer/);
    await accessibleAtBothWidths(evaluator, 'evaluator workspace');
    await click(evaluator, '#main >> text=Érosion des berges');
    await evaluator.waitForURL(/\/evaluations\/\d+$/);
    // The whole application is beside the form: the shared project, the side's half, its
    // missions, budget and files; a PDF annex is previewed inline.
    const application = evaluator.locator('article.application');
    assert.match(await application.textContent(), /Deux laboratoires mesurent l’érosion des berges/);
    assert.match(await application.textContent(), /Partager les méthodes de mesure/);
    if (evaluatorEmail === 'evaluatrice@mrif.example') {
      const frame = application.locator('details.preview iframe');
      assert.equal(await frame.count(), 1, 'the PDF annex is previewed');
      const src = await frame.getAttribute('src');
      const pdf = await evaluator.request.get(new URL(src, server.base).href);
      assert.equal(pdf.status(), 200);
      assert.equal(pdf.headers()['content-type'], 'application/pdf');
      assert.match(pdf.headers()['content-disposition'], /^inline;/);
      assert.equal((await pdf.body()).subarray(0, 5).toString(), '%PDF-');
    }
    await accessibleAtBothWidths(evaluator, 'evaluation page');
    const comment = evaluator.locator('textarea').first();
    if (await comment.count()) await comment.fill('Projet solide, méthodes claires.');
    await evaluator.locator('input[name^=score_]').first().fill('8');
    await click(evaluator, 'text=Remettre l’évaluation');
    await evaluator.waitForLoadState();
    assert.match(await evaluator.textContent('main'), /Évaluation remise/);
  }

  // The session: both sides open it, Wallonie-Bruxelles proposes the selection, Québec approves
  // it, the session closes and both co-chairs sign the minutes.
  const wbChair = pages['copresidence@wbi.example'];
  const qcChair = pages['copresidence@mrif.example'];
  await wbChair.goto(sessionUrl);
  await accessibleAtBothWidths(wbChair, 'session page (scheduled)');
  for (const p of [wbChair, qcChair]) {
    await p.goto(sessionUrl);
    await click(p, 'text=Ouvrir la séance');
    await p.waitForURL(sessionUrl);
  }
  await accessibleAtBothWidths(wbChair, 'session page (open)');
  // A co-chair reads the application as filed from the agenda, printable.
  await qcChair.goto(sessionUrl);
  await click(qcChair, 'section.agenda-item >> text=Lire le dossier déposé');
  await qcChair.waitForURL(/\/projects\/\d+\/application$/);
  assert.match(await qcChair.textContent('main'), /Partager les méthodes de mesure/);
  await accessibleAtBothWidths(qcChair, 'application as filed');
  await wbChair.goto(sessionUrl);
  const item = wbChair.locator('section.agenda-item').first();
  await item.locator('select[name="outcome"]').selectOption('selected');
  await item.locator('input[name="amount_WB"]').fill('4500');
  await item.locator('input[name="amount_QC"]').fill('6000');
  await item.locator('text=Proposer cette décision').click();
  clicks += 1;
  await wbChair.waitForURL(sessionUrl);
  await qcChair.goto(sessionUrl);
  await qcChair.locator('section.agenda-item').first().locator('text=Approuver pour ma partie').click();
  clicks += 1;
  await qcChair.waitForURL(sessionUrl);
  assert.match(await qcChair.locator('section.agenda-item').first().textContent(), /décision conjointe enregistrée/);
  await click(qcChair, 'text=Clore la séance');
  await qcChair.waitForURL(sessionUrl);
  await accessibleAtBothWidths(qcChair, 'session page (closed)');
  for (const p of [qcChair, wbChair]) {
    await p.goto(sessionUrl + '/minutes');
    await click(p, 'text=Signer le procès-verbal pour ma partie');
    await p.waitForURL(sessionUrl + '/minutes');
  }
  const minutes = await wbChair.textContent('main');
  assert.match(minutes, /Pour Wallonie-Bruxelles\s: signé par Anne Lambert/);
  assert.match(minutes, /Pour Québec\s: signé par François Côté/);
  await accessibleAtBothWidths(wbChair, 'signed minutes');

  // The funded project exists and its follow-up starts.
  const edition = new URL(editionUrl).pathname.split('/').pop();
  await wbOfficer.goto(`${server.base}/commissions/${edition}/followup`);
  assert.match(await wbOfficer.textContent('main'), /Érosion des berges du Saint-Laurent et de la Meuse/);
  await accessibleAtBothWidths(wbOfficer, 'follow-up of the new edition');
  console.log(`from nothing to a funded project: ${pagesSeen} pages checked with axe, ${clicks} clicks`);
});
