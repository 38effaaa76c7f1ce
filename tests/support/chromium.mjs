// How the tests and benchmarks start the system Chromium through Playwright:
// `chromium.launch(chromiumLaunchOptions)`, or Vitest's Playwright provider's
// `launchOptions`. CHROMIUM_PATH names another binary than /usr/bin/chromium.
// Plain JavaScript (typed by chromium.d.mts), so that the benchmarks, run with
// Node alone, import it too.

/** Headless, without the sandbox or the GPU, and without the browser's background traffic. */
export const chromiumLaunchOptions = {
  // biome-ignore lint/suspicious/noUndeclaredEnvVars: it picks the browser binary on a machine without /usr/bin/chromium; turbo's loose env mode passes it through
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};
