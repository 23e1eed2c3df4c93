import { existsSync, readFileSync } from 'node:fs';
import { Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core: never a browser download. `.ci/run` installs the
 * package when /usr/bin/chromium is missing; elsewhere the browser tests say they were skipped.
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const hasChromium = (): boolean => existsSync(CHROMIUM_PATH);

const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
const DISABLE_FEATURES = '--disable-features=';

/**
 * Chromium obeys only the last `--disable-features`, and ours comes after playwright-core's: so
 * ours repeats the features playwright-core 1.65 turns off (its chromiumSwitches), and
 * launchChromium adds any that a later version turns off besides.
 */
const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * The address bar's popup as a web page of its own: Chromium 156 builds it (chrome://omnibox-popup,
 * some 800 files of its own) for every new window, and every fresh browser context is a new window.
 * That cost ~0.9 s of CPU per context in a renderer of its own, on a 2-core machine at the same time
 * as the page's first render (the bench's Chromium CPU per render: 1.3–1.5 s with it, 0.53 s
 * without; 0.52 s with it too when the window had 3 s to finish first). A user opens the page in a
 * window she has; a headless browser has no address bar to type in.
 */
const OWN_DISABLED_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

const launch = (disabled: readonly string[]): Promise<Browser> =>
  chromium.launch({ executablePath: CHROMIUM_PATH, args: [...ARGS, `${DISABLE_FEATURES}${disabled.join(',')}`] });

/** The features an earlier `--disable-features` of the browser's command line (playwright-core's) names and `disabled` lacks. */
const overridden = async (browser: Browser, disabled: readonly string[]): Promise<string[]> => {
  const cdp = await browser.newBrowserCDPSession();
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  await cdp.detach();
  const pid = processInfo.find((process) => process.type === 'browser')?.id;
  if (pid === undefined) return [];
  const switches = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  const named = switches.filter((s) => s.startsWith(DISABLE_FEATURES)).flatMap((s) => s.slice(DISABLE_FEATURES.length).split(','));
  return [...new Set(named)].filter((feature) => feature && !disabled.includes(feature));
};

export const launchChromium = async (): Promise<Browser> => {
  const disabled = [...PLAYWRIGHT_DISABLED_FEATURES, ...OWN_DISABLED_FEATURES];
  const browser = await launch(disabled);
  const missing = await overridden(browser, disabled);
  if (missing.length === 0) return browser;
  await browser.close();
  return launch([...disabled, ...missing]);
};
