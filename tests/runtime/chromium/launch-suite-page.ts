/**
 * Builds and serves the suite's page, opens it in the system Chromium through
 * Playwright, and hands the page to the test file, with the errors it throws.
 */
import { type Browser, chromium, type Page } from "playwright-core";
import { chromiumLaunchOptions } from "../../support/chromium.mjs";
import type { TestEnvironment } from "../suite/test-environment.ts";
// The pages' globals (`window.lumlSuite`, `window.lumlFaults`) are declared there.
import type {} from "./page/fault-page.ts";
import type {} from "./page/main.ts";
import { type ServedPage, servePage } from "./serve-page.ts";

/** The page, open and configured for the dev server. */
export interface SuitePage {
  page: Page;
  /** Messages of the errors the page threw and nobody caught, in order. */
  pageErrors: string[];
  /** Closes the browser and stops serving the page. */
  close(): Promise<void>;
}

/**
 * Opens the page and waits until both suites in it are ready and configured.
 * `beforeLoad` runs on the new page before it loads (to route its requests).
 */
export async function launchSuitePage(
  environment: TestEnvironment,
  beforeLoad?: (page: Page) => Promise<void>,
): Promise<SuitePage> {
  let served: ServedPage | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await served?.close();
  };
  try {
    served = await servePage();
    browser = await chromium.launch(chromiumLaunchOptions);
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (error) => pageErrors.push(error.message));
    await beforeLoad?.(page);
    await page.goto(served.url);
    await page.waitForFunction(
      () => typeof window.lumlSuite === "object" && typeof window.lumlFaults === "object",
    );
    await page.evaluate((settings) => {
      window.lumlSuite.configure(settings);
      window.lumlFaults.configure(settings);
    }, environment);
    return { page, pageErrors, close };
  } catch (error) {
    await close();
    throw error;
  }
}
