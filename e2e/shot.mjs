import { launch, loginAs } from './lib.mjs';
const base = process.env.BASE;
const browser = await launch();
for (const [who, w] of [['charge.wb', 1280], ['commission.qc', 1280], ['evaluateur.qc', 1280], ['demandeur.qc', 1280], ['admin', 1280], ['charge.qc', 390]]) {
  const page = await loginAs(browser, base, `${who}@demo.passerelle.test`);
  await page.setViewportSize({ width: w, height: 900 });
  await page.goto(base + '/me');
  await page.screenshot({ path: `/tmp/ws-${who}-${w}.png`, fullPage: true });
}
await browser.close();
