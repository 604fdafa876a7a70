// The booklet in Firefox, driven by puppeteer-core over WebDriver BiDi, for
// tests/test_browser_engines.py: the same walk as its WebKit run, what Firefox saw printed as JSON.
// Usage: node firefox.cjs '<json>' with firefox (the program), start (the booklet's index.html),
// password, wrong, shots (a folder), probe (runs in every new document before the page's own) and
// lock_js, open_js (functions that describe the lock page and an open page; the test defines them).
// puppeteer-core is found through NODE_PATH: it is installed outside the checkout (make engines).
"use strict";
const puppeteer = require("puppeteer-core");

const PHONE = { width: 360, height: 800 };
const DESKTOP = { width: 1280, height: 900 };
const OPEN_TIMEOUT = 30000; // ms: PBKDF2 with 600 000 rounds on a slow machine

async function walk(args, browser, seen) {
  const page = await browser.newPage();
  page.on("console", (m) => seen.console.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (e) => seen.errors.push(String(e && e.message ? e.message : e)));
  const describe = (js) => page.evaluate(`(${js})()`);
  const opened = async (title) => {
    // A selector, not a function: Firefox ends a function's wait when document.open() replaces
    // the page it started in.
    await page.waitForSelector("#rb-vergrendel", { timeout: OPEN_TIMEOUT });
    await page.waitForFunction(
      (t) => document.title.startsWith(t) && document.readyState === "complete",
      { timeout: OPEN_TIMEOUT }, title);
  };

  await page.evaluateOnNewDocument(args.probe);
  await page.setViewport(PHONE);
  await page.goto(args.start);
  seen.lock = await describe(args.lock_js);

  await page.type("#rb-wachtwoord", args.wrong);
  await page.click("#rb-openen");
  await page.waitForFunction(
    () => /klopt niet/.test(document.getElementById("rb-melding").textContent),
    { timeout: OPEN_TIMEOUT });
  seen.wrong = {
    message: await page.$eval("#rb-melding", (e) => e.textContent),
    still_locked: (await page.$("#rb-vergrendel")) === null,
  };

  await page.$eval("#rb-wachtwoord", (e) => { e.value = ""; });
  await page.type("#rb-wachtwoord", args.password);
  await page.click("#rb-openen");
  await opened("Start");
  seen.start = await describe(args.open_js);
  await page.screenshot({ path: `${args.shots}/firefox-start-360.png` });
  await page.setViewport(DESKTOP);
  seen.start_wide = { scroll_width: await page.evaluate(() => document.documentElement.scrollWidth) };
  await page.screenshot({ path: `${args.shots}/firefox-start-1280.png` });
  await page.setViewport(PHONE);

  // The phone's menu: fold it open, then follow "Contacten" (it opens with the kept key).
  await page.click("details.rb-menu > summary");
  const link = await page.waitForSelector("details.rb-menu nav ::-p-text(Contacten)", { visible: true });
  await Promise.all([page.waitForNavigation(), link.click()]);
  await opened("Contacten");
  seen.contacten = await describe(args.open_js);

  await Promise.all([page.waitForNavigation(), page.click("#rb-vergrendel")]);
  await page.waitForSelector("#rb-wachtwoord", { visible: true, timeout: OPEN_TIMEOUT });
  seen.locked = await describe(args.lock_js);
  seen.errors.push(...await page.evaluate(() => window.__rbErrors || []));
}

async function run(args) {
  const browser = await puppeteer.launch({
    browser: "firefox",
    executablePath: args.firefox,
    headless: true,
    protocol: "webDriverBiDi",
  });
  const seen = { engine: await browser.version(), console: [], errors: [] };
  try {
    await walk(args, browser, seen);
  } finally {
    await browser.close();
  }
  return seen;
}

run(JSON.parse(process.argv[2]))
  .then((seen) => { process.stdout.write(JSON.stringify(seen)); })
  .catch((error) => { console.error(error); process.exit(1); });
