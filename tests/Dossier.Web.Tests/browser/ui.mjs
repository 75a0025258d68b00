// Drives the Dossier web UI in headless Chromium. Usage:
//   node ui.mjs samples BASE_URL API_KEY ARTIFACTS_DIR
//   node ui.mjs xss BASE_URL API_KEY ARTIFACTS_DIR PATHS_FILE
// Exits 0 when every check passed; otherwise prints what failed and exits 1. Screenshots go to ARTIFACTS_DIR.
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [mode, base, apiKey, artifacts, pathsFile] = process.argv.slice(2);
mkdirSync(artifacts, { recursive: true });
const failures = [];
const check = (condition, message) => { if (!condition) failures.push(message); };

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
page.setDefaultTimeout(15000);
const dialogs = [];
page.on('dialog', async dialog => { dialogs.push(dialog.message()); await dialog.dismiss(); });
page.on('pageerror', error => failures.push(`page error: ${error.message}`));
const shot = name => page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
const go = async path => {
  const response = await page.goto(base + path);
  check(response && response.ok(), `${path}: HTTP ${response && response.status()}`);
};

// Nothing from content may run: no dialogs, no marker set by a payload, no script or handler in the DOM.
async function assertInert(where) {
  const found = await page.evaluate(() => ({
    marker: typeof window.__xss !== 'undefined',
    scripts: document.querySelectorAll('script').length,
    handlers: [...document.querySelectorAll('*')].flatMap(e => [...e.attributes].filter(a => a.name.startsWith('on')).map(a => `${e.localName}[${a.name}]`)),
    frames: document.querySelectorAll('iframe, object, embed, img, video').length,
  }));
  check(!found.marker, `${where}: a payload ran (window.__xss is set)`);
  check(found.scripts === 0, `${where}: ${found.scripts} script element(s) in the DOM`);
  check(found.handlers.length === 0, `${where}: event handler attributes ${found.handlers.join(', ')}`);
  check(found.frames === 0, `${where}: ${found.frames} embedded element(s) from content`);
  check(dialogs.length === 0, `${where}: dialog(s) opened: ${dialogs.join(' | ')}`);
}

try {
  if (mode === 'samples') {
    // Ingest: upload an article through the form.
    await go('/ingest');
    await page.setInputFiles('input[name=files]', { name: 'upload-test.txt', mimeType: 'text/plain', buffer: Buffer.from('Quorvex Mining was fined by the regulator.\n\nThe company said it would appeal.') });
    await page.fill('input[name=api_key]', apiKey);
    await Promise.all([page.waitForURL('**/ingest'), page.click('button[type=submit]')]);
    check((await page.textContent('p.result'))?.includes('Added 1'), 'ingest: the upload was not added');
    await shot('ingest');

    // Search from the search box.
    await go('/search');
    await page.fill('input[name=q]', 'innuendos');
    await Promise.all([page.waitForURL('**/search?**'), page.click('form.search button[type=submit]')]);
    const results = await page.locator('ol.results li').count();
    check(results >= 2, `search: ${results} result(s) for "innuendos"`);
    check(await page.locator('ol.results mark.match').count() >= 1, 'search: matches are not highlighted');
    await shot('search');

    // The Alibaba dossier, from the entity list.
    await go('/entities');
    await Promise.all([page.waitForURL('**/entities/*'), page.click('table a:text-is("Alibaba")')]);
    check((await page.textContent('main h1'))?.startsWith('Alibaba'), 'dossier: heading is not Alibaba');
    for (const section of ['summary', 'claims', 'quotes', 'denials', 'timeline', 'sources', 'credibility']) {
      check(await page.locator(`#${section}`).count() === 1, `dossier: no ${section} section`);
    }
    check(await page.locator('#timeline svg rect').count() > 0, 'dossier: the timeline has no bars');
    check(await page.locator('#sources svg line').count() > 0, 'dossier: the source graph has no edges');
    await shot('dossier');
    const dossierUrl = page.url();

    // Follow a claim to its highlighted span in the article.
    const claimItem = page.locator('#denials td').first();
    const claimText = (await claimItem.innerText()).split('\n')[0];
    await Promise.all([page.waitForURL('**/documents/**#c-*'), claimItem.locator('a').last().click()]);
    const target = await page.evaluate(() => {
      const element = document.querySelector(':target');
      return element && { id: element.id, tag: element.localName, classes: element.className, text: element.textContent };
    });
    check(target && target.tag === 'mark' && target.classes.includes('claim'), `article: the link's target is not a highlighted claim: ${JSON.stringify(target)}`);
    check(target && claimText.includes(target.text), `article: highlighted "${target && target.text}" is not the claim "${claimText}"`);
    check(await page.locator('details.cred, mark.ent').count() > 0, 'article: no entity highlights or credibility signals');
    await shot('article');

    // The claim's cluster view.
    await page.click('a:text-is("cluster") >> nth=0');
    await page.waitForURL('**/claims/**');
    check((await page.textContent('main h1')) === 'Claim', 'claim view: no heading');
    await shot('claim');

    // Dismiss a list hit; the decision is remembered across reloads and shown in the dossier.
    await go('/hits');
    const hit = page.locator('div.hit').first();
    await hit.locator('input[name=api_key]').fill(apiKey);
    await Promise.all([page.waitForURL('**/hits**'), hit.locator('button[value=false_positive]').click()]);
    check((await page.locator('div.hit .decision').first().textContent()) === 'false_positive', 'hits: the decision was not shown');
    await page.reload();
    check((await page.locator('div.hit .decision').first().textContent()) === 'false_positive', 'hits: the decision was not remembered');
    await shot('hits');
    await page.goto(dossierUrl);
    check((await page.locator('#summary td.decision').first().textContent()) === 'false_positive', 'dossier: the hit decision is not shown');
    await assertInert('samples');

    // Merge an entity into Alibaba from its dossier page: the alias and the analyst's reason show on Alibaba's page.
    const alibabaPath = new URL(dossierUrl).pathname;
    await go('/entities');
    await Promise.all([page.waitForURL('**/entities/*'), page.click('table a:text-is("Financial Times")')]);
    const merge = page.locator('form.merge');
    await merge.locator('input[name=into]').fill(alibabaPath.split('/').pop());
    await merge.locator('input[name=reason]').fill('browser test: one group');
    await merge.locator('input[name=api_key]').fill(apiKey);
    await Promise.all([page.waitForURL(`**${alibabaPath}#names`), merge.locator('button[type=submit]').click()]);
    const explained = await page.textContent('#names');
    check(explained.includes('Financial Times') && explained.includes('browser test: one group'), `merge: the alias and its reason are not explained: ${explained}`);
    await shot('dossier-names');

    // And split it off again.
    const split = page.locator('form.split');
    await split.locator('select[name=alias]').selectOption('Financial Times');
    await split.locator('input[name=reason]').fill('browser test: not the same');
    await split.locator('input[name=api_key]').fill(apiKey);
    await Promise.all([page.waitForURL(`**${alibabaPath}#names`), split.locator('button[type=submit]').click()]);
    const aliases = await page.textContent('#names p.aliases');
    check(!aliases.includes('Financial Times'), `split: the alias is still on Alibaba: ${aliases}`);
    await assertInert('names');
  } else if (mode === 'xss') {
    const paths = readFileSync(pathsFile, 'utf8').split('\n').filter(Boolean);
    for (const [index, path] of paths.entries()) {
      await go(path);
      await assertInert(path);
      if (index < 4) await shot(`xss-${index}`);
    }
    console.log(`xss: ${paths.length} pages checked`);
  } else {
    failures.push(`unknown mode ${mode}`);
  }
} catch (error) {
  failures.push(`${error.name}: ${error.message}`);
  await shot('failure').catch(() => {});
} finally {
  await browser.close();
}

if (failures.length > 0) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log(`${mode}: all browser checks passed`);
