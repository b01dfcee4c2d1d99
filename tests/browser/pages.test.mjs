// Opens the board's pages in Debian's Chromium (driven by Playwright) and checks what a
// person sees: the board page with its checkpoint and ballots, "find my ballot" with a code
// typed into its labelled field, and the results with the verification status.
//
// Run by scripts/browser-test.sh, which starts a board holding a finished election and sets
// BOARD_URL, ELECTION and CODE (a cast ballot's confirmation code).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const { BOARD_URL, ELECTION, CODE } = process.env;
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

// Opens a page, runs `f` on it, and then checks that the browser refused nothing under the
// pages' Content-Security-Policy: a refused stylesheet would leave a page unstyled.
async function withPage(f) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    const refused = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    await f(page);
    assert.deepEqual(refused, [], 'the browser refused something under the page policy');
  } finally {
    await browser.close();
  }
}

test('the board page shows the checkpoint and the ballots by confirmation code', async () => {
  await withPage(async (page) => {
    await page.goto(`${BOARD_URL}/`);
    await page.getByRole('link', { name: 'Springfield general election' }).click();
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Springfield general election');
    assert.ok(await page.getByRole('heading', { name: 'Latest signed checkpoint' }).isVisible());
    const note = await page.locator('pre').first().innerText();
    assert.match(note, new RegExp(`/scrutin/${ELECTION}\\n\\d+\\n`));
    const ballots = page.getByRole('table', { name: /Every ballot on the board/ });
    assert.ok(await ballots.getByRole('link', { name: CODE }).isVisible());
    assert.equal(await page.locator('script').count(), 0, 'the pages need no script');
  });
});

test('find my ballot: typing the code shows the ballot and its checked inclusion proof', async () => {
  await withPage(async (page) => {
    await page.goto(`${BOARD_URL}/elections/${ELECTION}`);
    await page.getByRole('link', { name: 'Find my ballot' }).click();
    await page.getByLabel('Your confirmation code').fill(CODE.toLowerCase());
    await page.getByRole('button', { name: 'Find' }).click();
    assert.ok(await page.getByRole('heading', { name: 'Your ballot' }).isVisible());
    assert.match(await page.locator('main').innerText(), /Your ballot is in the board's log: its inclusion proof verifies/);
    const entry = page.getByRole('table', { name: "The ballot's entry in the log" });
    assert.equal(await entry.getByRole('row', { name: /Confirmation code/ }).getByRole('cell').innerText(), CODE);
    assert.ok((await page.getByRole('heading', { name: 'Inclusion proof' }).count()) === 1);

    await page.getByLabel('Your confirmation code').fill('00'.repeat(32));
    await page.getByRole('button', { name: 'Find' }).click();
    assert.match(await page.locator('main').innerText(), /No ballot on this board has the confirmation code/);
  });
});

test('the results page shows the tally and that the record verifies', async () => {
  await withPage(async (page) => {
    await page.goto(`${BOARD_URL}/elections/${ELECTION}/results`);
    assert.ok(await page.getByRole('heading', { name: 'Mayor' }).isVisible());
    const mayor = page.getByRole('table', { name: 'Votes for each option of Mayor' });
    assert.equal(await mayor.getByRole('row').count(), 4, 'a header row and three options');
    assert.match(await page.locator('main').innerText(), /The record is valid: every verification step passed/);
    // The page's stylesheet applies (the policy allows it by its hash): the verdict is green,
    // and each option has its bar.
    const verdict = page.locator('p.ok');
    assert.equal(await verdict.evaluate((e) => getComputedStyle(e).color), 'rgb(10, 106, 10)');
    assert.equal(await mayor.locator('meter.bar').count(), 3);
  });
});
