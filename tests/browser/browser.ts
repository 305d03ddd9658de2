// The one helper that launches the browser driver (playwright-core): Debian's Chromium with the project's
// flags, pages in fresh contexts, and a log of what every page asked for and threw, so that each spec can
// check that nothing left our host and that no script failed. Domain actions are in viewer-driver.ts.
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core';
import { chromiumArgs, ensureChromium } from '../../server/system/chromium.js';

/** The window a spec gets unless it asks for another. */
export const DESKTOP = { viewport: { width: 1280, height: 800 }, locale: 'en-GB', deviceScaleFactor: 1 } satisfies BrowserContextOptions;

export class BrowserSession {
  /** Every URL asked for by any page of the session's contexts (popups included), since clearLogs(). */
  readonly requests: string[] = [];
  /** The uncaught errors of the pages opened by newPage(), since clearLogs(). */
  readonly pageErrors: string[] = [];
  private readonly contexts: BrowserContext[] = [];

  private constructor(readonly browser: Browser) {}

  static async launch(): Promise<BrowserSession> {
    return new BrowserSession(await chromium.launch({ executablePath: await ensureChromium(), args: chromiumArgs() }));
  }

  /** A page in a fresh context (its own cookies and storage): DESKTOP, changed by `options`. */
  async newPage(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await this.browser.newContext({ ...DESKTOP, ...options });
    this.contexts.push(context);
    context.on('request', (r) => this.requests.push(r.url()));
    const page = await context.newPage();
    page.on('pageerror', (e) => this.pageErrors.push(e.message));
    return page;
  }

  /** The network requests (http, https, ws, wss) to another host than `baseUrl`'s. */
  foreignRequests(baseUrl: string): string[] {
    const host = new URL(baseUrl).host;
    return this.requests.filter((u) => /^(https?|wss?):/.test(u) && new URL(u).host !== host);
  }

  /** Forgets the requests and errors logged so far: for specs that check them test by test. */
  clearLogs(): void {
    this.requests.length = 0;
    this.pageErrors.length = 0;
  }

  /** Closes every context opened so far (their pages with them). */
  async closeContexts(): Promise<void> {
    for (const c of this.contexts.splice(0)) await c.close();
  }

  async close(): Promise<void> {
    await this.closeContexts();
    await this.browser.close();
  }
}
