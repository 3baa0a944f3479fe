// Drives the insights page in a real headless Chromium (Debian's chromium through puppeteer-core) and prints, as
// one JSON object, the series the charts drew at each step. Arguments: page URL, read token, product, the first
// day to narrow the range to, screenshot path.
import puppeteer from "puppeteer-core";

const [url, token, product, narrowFrom, screenshot] = process.argv.slice(2);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1400, height: 900 });
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("requestfailed", (request) => errors.push("request failed: " + request.url()));
  await page.goto(url, { waitUntil: "load" });
  const ready = () => page.waitForFunction(() => window.insights.ready, { timeout: 20000 });
  const series = () => page.evaluate(() => JSON.parse(JSON.stringify(window.insights.series)));

  await page.type("#token", token);
  await page.click("button[type=submit]");
  await ready();
  await page.select("#product", product);
  await page.waitForFunction(() => !window.insights.ready, { timeout: 5000 }).catch(() => {});
  await ready();
  const initial = await series();

  await page.select("#field", "environment.os");
  await ready();
  const byOs = await series();

  await page.$eval("#from", (input, day) => { input.value = day; input.dispatchEvent(new Event("change")); }, narrowFrom);
  await ready();
  const narrowed = await series();
  const status = await page.$eval("#status", (e) => e.textContent);
  await page.screenshot({ path: screenshot, fullPage: true });

  await page.$eval("#min-version", (input) => { input.value = "v2"; input.dispatchEvent(new Event("change")); });
  await ready();
  const fromVersionTwo = await series();
  console.log(JSON.stringify({ initial, byOs, narrowed, fromVersionTwo, status, errors }));
} finally {
  await browser.close();
}
