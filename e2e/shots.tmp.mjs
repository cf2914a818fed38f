import { chromium } from 'playwright-core';
import { startDemo, loginAs } from './lib.mjs';
const server = await startDemo('full');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
try {
  const wb = await loginAs(browser, server.base, 'charge.wb@demo.passerelle.test', 'fr-BE');
  await wb.goto(server.base + '/grv/editions');
  await wb.click('text=3es Grands Rendez-vous');
  const ed = wb.url();
  const shots = [
    ['charge.wb@demo.passerelle.test', 'fr-BE', ed, 'edition'],
    ['charge.wb@demo.passerelle.test', 'fr-BE', ed + '/screening', 'screening'],
    ['charge.qc@demo.passerelle.test', 'fr-CA', ed + '/cohort', 'cohort'],
  ];
  for (const [email, locale, url, name] of shots) {
    const p = await loginAs(browser, server.base, email, locale);
    for (const w of [1280, 390]) {
      await p.setViewportSize({ width: w, height: 900 });
      await p.goto(url);
      await p.screenshot({ path: `/tmp/shots/${name}-${w}.png`, fullPage: true });
      const over = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      console.log(name, w, 'overflow', over);
    }
    await p.context().close();
  }
  for (const [email, name] of [['candidat04.wb@demo.passerelle.test', 'moved-up'], ['candidat03.wb@demo.passerelle.test', 'declined'], ['candidat05.qc@demo.passerelle.test', 'not-selected-en']]) {
    const p = await loginAs(browser, server.base, email, name.endsWith('en') ? 'en' : 'fr-BE');
    await p.goto(server.base + '/grands-rendez-vous');
    await p.click('text=3');
    await p.goto(server.base + '/grands-rendez-vous/' + ed.split('/').pop());
    const link = await p.$('a[href^="/candidacies/"]');
    await link.click();
    await p.waitForLoadState();
    if (!p.url().endsWith('/review')) await p.goto(p.url().replace(/\/?$/, '') + '/review');
    for (const w of [1280, 390]) {
      await p.setViewportSize({ width: w, height: 900 });
      await p.reload();
      await p.screenshot({ path: `/tmp/shots/${name}-${w}.png`, fullPage: true });
    }
    console.log(name, p.url(), (await p.textContent('main')).slice(0, 300).replace(/\s+/g, ' '));
    await p.context().close();
  }
} finally { await browser.close(); server.stop(); }
