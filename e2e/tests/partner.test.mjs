// The partner of the other side has no account yet: they sign up from the invitation email and
// land in the project, with the invitation kept all the way. Then an irreversible act asks for
// confirmation: withdrawing a half is refused until the box saying what follows is ticked.
// Every page is checked with axe at 1280 and 390 px, and none scrolls sideways.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startDemo, launch, newPage, axeViolations, accessibleAtBothWidths, loginAs, emailedLinkIn, publishOpenCall } from '../lib.mjs';

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

const local = (url) => url.replace(/^https?:\/\/[^/]+/, server.base);

test('the footer leads to the accessibility statement and the privacy notice', async () => {
  const visitor = await newPage(browser, 'fr-BE');
  await visitor.goto(server.base + '/');
  for (const [link, heading] of [['Accessibilité', /Accessibilité/], ['Confidentialité', /Confidentialité/]]) {
    await visitor.click(`footer >> text=${link}`);
    assert.match(await visitor.textContent('h1'), heading);
    assert.match(await visitor.textContent('main'), /Nous joindre/);
    await accessibleAtBothWidths(visitor, link);
  }
  const icon = await fetch(server.base + '/static/favicon.svg');
  assert.equal(icon.headers.get('content-type'), 'image/svg+xml');
});

test('a partner signs up from the invitation and lands in the project; withdrawing asks first', async () => {
  // An open call, approved by both sides.
  const wbOfficer = await loginAs(browser, server.base, 'charge.wb@demo.passerelle.test');
  await wbOfficer.goto(server.base + '/calls/new');
  const { callUrl } = await publishOpenCall(browser, server.base, wbOfficer, { fr: 'Appel aux partenaires', en: 'Call for partners' });

  // The Québec lead starts a project and invites someone who has no account.
  const lead = await loginAs(browser, server.base, 'demandeur.qc@demo.passerelle.test', 'fr-CA');
  await lead.goto(callUrl);
  await lead.click('text=Commencer un projet');
  await lead.fill('#f-title', 'Mémoire des chantiers navals');
  await lead.click('button.primary');
  await lead.waitForURL(/\/projects\/\d+$/);
  const projectUrl = lead.url();
  await lead.goto(projectUrl + '/invite');
  // Inviting oneself is refused at the field, the address kept.
  await lead.fill('#f-email', 'demandeur.qc@demo.passerelle.test');
  await lead.click('button.primary');
  assert.match(await lead.textContent('main'), /Vous ne pouvez pas vous inviter vous-même/);
  assert.equal(await lead.inputValue('#f-email'), 'demandeur.qc@demo.passerelle.test');
  await accessibleAtBothWidths(lead, 'invitation refused');
  await lead.fill('#f-email', 'ines.martin@ulb.example');
  await lead.click('button.primary');
  await lead.waitForSelector('p.notice[role=alert]');

  // The invited person follows the link: asked to log in, they create an account instead, and
  // the invitation travels through sign-up, confirmation and login.
  const invitation = await emailedLinkIn(server.dataDir, 'ines.martin@ulb.example', /https?:\/\/[^\s"<]+\/projects\/join\?token=[A-Za-z0-9_-]{43}/);
  const partner = await newPage(browser, 'fr-BE');
  await partner.goto(local(invitation));
  await partner.waitForURL(/\/login\?next=/);
  await partner.click('main >> text=Créer un compte');
  await partner.waitForURL(/\/signup\?next=%2Fprojects%2Fjoin/);
  await accessibleAtBothWidths(partner, '/signup from an invitation');
  await partner.fill('#f-name', 'Inès Martin');
  await partner.fill('#f-email', 'ines.martin@ulb.example');
  await partner.fill('#f-password', 'une phrase de passe solide');
  await partner.selectOption('#f-side', 'WB');
  await partner.click('button.primary');
  await partner.waitForLoadState();
  await partner.goto(local(await emailedLinkIn(server.dataDir, 'ines.martin@ulb.example', /https?:\/\/[^\s"<]+\/verify-email[^\s"<]*token=[A-Za-z0-9_-]{43}/)));
  await partner.click('button.primary');
  await partner.waitForLoadState();
  await partner.click('main >> text=Se connecter');
  await partner.fill('#f-email', 'ines.martin@ulb.example');
  await partner.fill('#f-password', 'une phrase de passe solide');
  await partner.click('button.primary');
  await partner.waitForURL(/\/projects\/join\?token=/);
  await accessibleAtBothWidths(partner, 'join page after sign-up');
  await partner.selectOption('#f-organisation', { index: 0 });
  await partner.click('button.primary');
  await partner.waitForURL(projectUrl);
  assert.match(await partner.textContent('h1'), /Mémoire des chantiers navals/);
  await accessibleAtBothWidths(partner, 'project page of the new partner');

  // Withdrawing is irreversible: without the box ticked, nothing happens.
  await partner.click('button:has-text("Retirer mon volet")');
  assert.equal(partner.url(), projectUrl);
  assert.equal(await partner.locator('input[name=confirm]:invalid').count(), 1, 'the box is required');
  assert.doesNotMatch(await partner.textContent('main'), /Retiré/);
  await partner.check('input[name=confirm]');
  await partner.click('button:has-text("Retirer mon volet")');
  await partner.waitForURL(projectUrl);
  assert.match(await partner.textContent('main'), /Retiré/);
});
