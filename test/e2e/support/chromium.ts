// Debian's Chromium, headless, with the built extension loaded (recipe: shared/stack.md).
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page, type Target } from 'puppeteer-core';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../../.output/chrome-mv3');
export const ARTIFACTS_DIR = resolve(import.meta.dirname, '../../../test-artifacts/e2e');

/**
 * Debian's Chromium, headless, on a fresh profile; with `extension`, that unpacked extension loaded. The flags
 * keep it off the network (this machine reaches none) and quiet. Shared by the e2e suite and the benchmarks.
 */
export async function launchChromium(
  options: { extension?: string; profileDir?: string } = {},
): Promise<Browser> {
  const profileDir = options.profileDir ?? mkdtempSync(join(tmpdir(), 'edgevault-chromium-'));
  const extension = options.extension
    ? [`--load-extension=${options.extension}`, `--disable-extensions-except=${options.extension}`]
    : [];
  return puppeteer.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    ignoreDefaultArgs: options.extension ? ['--disable-extensions'] : [],
    args: [
      ...extension,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      `--user-data-dir=${profileDir}`,
    ],
  });
}

export class ExtensionBrowser {
  readonly consoleLines: string[] = [];
  private constructor(
    readonly browser: Browser,
    readonly extensionId: string,
    /** The Chromium profile: everything the browser and the extension wrote to disk. */
    readonly profileDir: string,
  ) {}

  static async launch(): Promise<ExtensionBrowser> {
    const profileDir = mkdtempSync(join(tmpdir(), 'edgevault-chromium-'));
    const browser = await launchChromium({ extension: EXTENSION_DIR, profileDir });
    const worker = await browser.waitForTarget(isWorker, { timeout: 15_000 });
    return new ExtensionBrowser(browser, new URL(worker.url()).host, profileDir);
  }

  url(page: string): string {
    return `chrome-extension://${this.extensionId}/${page}`;
  }

  async open(page: string): Promise<Page> {
    const tab = await this.browser.newPage();
    tab.on('console', (message) => this.consoleLines.push(`[${page}] ${message.type()}: ${message.text()}`));
    tab.on('pageerror', (error) =>
      this.consoleLines.push(`[${page}] pageerror: ${(error as Error).message}`),
    );
    await tab.goto(this.url(page));
    return tab;
  }

  /** Whether the extension's service worker is running now. Reading targets attaches nothing. */
  workerRunning(): boolean {
    return this.browser.targets().some(isWorker);
  }

  /**
   * Stops the service worker the way Chrome does when it is idle, without attaching a debugger to it
   * (an attached debugger would keep it alive): through the ServiceWorker domain of an extension page.
   */
  async stopWorker(page: Page): Promise<void> {
    const session = await page.createCDPSession();
    await session.send('ServiceWorker.enable');
    await session.send('ServiceWorker.stopAllWorkers');
    await session.detach();
  }

  /** Screenshots of every open page and the collected console, into a folder named for the test. */
  async saveArtifacts(testName: string): Promise<string> {
    const folder = join(ARTIFACTS_DIR, testName.replace(/[^\w.-]+/g, '_').slice(0, 100));
    mkdirSync(folder, { recursive: true });
    const pages = await this.browser.pages();
    for (const [index, page] of pages.entries()) {
      try {
        await page.screenshot({ path: join(folder, `page-${index}.png`) as `${string}.png`, fullPage: true });
      } catch {
        // a page that is closing
      }
    }
    writeFileSync(join(folder, 'console.log'), this.consoleLines.join('\n'));
    return folder;
  }

  close(): Promise<void> {
    return this.browser.close();
  }
}

const isWorker = (target: Target) =>
  target.type() === 'service_worker' &&
  target.url().startsWith('chrome-extension://') &&
  target.url().endsWith('/background.js');

/**
 * Polls a condition inside a page with `evaluate`. (`page.waitForFunction` never saw some conditions come
 * true here: vitest's transform can wrap nested functions in helpers that do not exist in the page.)
 */
export async function waitInPage(
  page: Page,
  condition: () => boolean,
  { timeout = 15_000 } = {},
): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await page.evaluate(condition))) {
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeout} ms waiting in ${page.url()} for ${condition.toString().slice(0, 120)}`,
      );
    await new Promise((done) => setTimeout(done, 100));
  }
}

export const texts = (page: Page, selector: string): Promise<string[]> =>
  page.$$eval(selector, (nodes) => nodes.map((node) => node.textContent ?? ''));
