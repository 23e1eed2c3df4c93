import { existsSync } from 'node:fs';
import { Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core: never a browser download. `.ci/run` installs the
 * package when /usr/bin/chromium is missing; elsewhere the browser tests say they were skipped.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const hasChromium = (): boolean => existsSync(CHROMIUM_PATH);

export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
