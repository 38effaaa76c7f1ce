import { bindProgress, progressText } from "@luml/browser";
import { afterEach, describe, expect, test } from "vitest";

const mebibyte = 1024 * 1024;

afterEach(() => {
  document.body.replaceChildren();
});

/** A `<progress>` and a status paragraph in the page, and every text the status showed. */
function page(statusAttributes: Record<string, string> = {}) {
  const bar = document.createElement("progress");
  const status = document.createElement("p");
  for (const [name, value] of Object.entries(statusAttributes)) status.setAttribute(name, value);
  document.body.append(bar, status);
  const shown: string[] = [];
  // Each change of `textContent` adds one text node: the records keep every text shown.
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) shown.push(node.textContent ?? "");
    }
  });
  observer.observe(status, { childList: true, characterData: true, subtree: true });
  return { bar, status, shown, observer };
}

describe("bindProgress in Chromium", () => {
  test("the bar follows every report; the live status speaks every 10 % and at the end", async () => {
    const { bar, status, shown, observer } = page();
    const onProgress = bindProgress({ bar, status });
    const total = 30 * mebibyte;
    const values: number[] = [];
    for (let step = 0; step <= 200; step++) {
      onProgress({ phase: "uploading", loaded: Math.round((total * step) / 200), total });
      values.push(bar.value);
    }
    await Promise.resolve();
    observer.disconnect();

    expect(status.getAttribute("role")).toBe("status");
    expect(bar.max).toBe(1);
    expect(
      values.every((value, index) => index === 0 || value >= (values[index - 1] ?? value)),
    ).toBe(true);
    expect(values[100]).toBeCloseTo(0.5);
    expect(bar.value).toBe(1);
    expect(bar.getAttribute("aria-valuetext")).toBe("Uploading: done (30.0 MiB)");
    expect(shown).toEqual([
      "Uploading: 0% (0 B of 30.0 MiB)",
      "Uploading: 10% (3.0 MiB of 30.0 MiB)",
      "Uploading: 20% (6.0 MiB of 30.0 MiB)",
      "Uploading: 30% (9.0 MiB of 30.0 MiB)",
      "Uploading: 40% (12.0 MiB of 30.0 MiB)",
      "Uploading: 50% (15.0 MiB of 30.0 MiB)",
      "Uploading: 60% (18.0 MiB of 30.0 MiB)",
      "Uploading: 70% (21.0 MiB of 30.0 MiB)",
      "Uploading: 80% (24.0 MiB of 30.0 MiB)",
      "Uploading: 90% (27.0 MiB of 30.0 MiB)",
      "Uploading: done (30.0 MiB)",
    ]);
  });

  test("a new phase starts over and is announced at once; a set aria-live is kept", async () => {
    const { bar, status, shown, observer } = page({ "aria-live": "assertive" });
    const onProgress = bindProgress({ bar, status }, { step: 0.5 });
    onProgress({ phase: "hashing", loaded: 0, total: 100 });
    onProgress({ phase: "hashing", loaded: 100, total: 100 });
    onProgress({ phase: "uploading", loaded: 10, total: 100 });
    expect(bar.value).toBeCloseTo(0.1);
    onProgress({ phase: "uploading", loaded: 20, total: 100 });
    await Promise.resolve();
    observer.disconnect();

    expect(status.hasAttribute("role")).toBe(false);
    expect(shown).toEqual([
      "Hashing: 0% (0 B of 100 B)",
      "Hashing: done (100 B)",
      "Uploading: 10% (10 B of 100 B)",
    ]);
  });

  test("works with only a bar, or only a status", () => {
    const { bar, status } = page();
    bindProgress({ bar })({ phase: "downloading", loaded: 1, total: 4 });
    bindProgress({ status })({ phase: "downloading", loaded: 0, total: 0 });
    expect(bar.value).toBe(0.25);
    expect(status.textContent).toBe("Downloading: done (0 B)");
  });
});

test("progressText says the phase, the percentage and the bytes", () => {
  expect(progressText({ phase: "hashing", loaded: 512 * 1024, total: 2 * mebibyte })).toBe(
    "Hashing: 25% (512.0 KiB of 2.0 MiB)",
  );
});
