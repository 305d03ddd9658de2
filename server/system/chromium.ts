// Headless Chromium for map screenshots and browser tests: Debian's `chromium`
// package (playwright-core drives it; no browser download from the internet).

import { ensureDebianPackages, findCommand } from './apt.js';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** Path of a Chromium executable: $CHROMIUM_PATH, else /usr/bin/chromium (installed if missing). */
export async function ensureChromium(): Promise<string> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (await findCommand(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH=${fromEnv} is not an executable file`);
  }
  if (await findCommand(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  // fonts-noto-core: Arabic (and most other scripts) in screenshots instead of boxes.
  await ensureDebianPackages(['chromium', 'fonts-noto-core'], { why: 'headless browser for map screenshots and browser tests' });
  if (await findCommand(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  throw new Error(`Installed Debian's chromium but ${DEBIAN_CHROMIUM} is missing`);
}

/**
 * Chromium command-line flags for headless map rendering.
 *
 * With playwright-core call it WITHOUT userDataDir: Playwright refuses a
 * --user-data-dir in `args` (it makes a temporary profile for chromium.launch(), or
 * takes the folder as launchPersistentContext(userDataDir, …)'s first parameter):
 *
 *   chromium.launch({ executablePath: await ensureChromium(), args: chromiumArgs() })
 *
 * Pass userDataDir only when spawning Chromium yourself.
 *
 * There is no GPU on servers/CI: SwiftShader (software Vulkan behind ANGLE) gives
 * MapLibre its WebGL2; recent Chromium only allows it with --enable-unsafe-swiftshader.
 * --no-sandbox: we often run as root, where Chromium's sandbox refuses to start.
 * --disable-dev-shm-usage: containers have a tiny /dev/shm.
 */
export function chromiumArgs(userDataDir?: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--enable-unsafe-swiftshader',
    '--use-angle=swiftshader',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-dev-shm-usage',
    ...(userDataDir ? [`--user-data-dir=${userDataDir}`] : []),
  ];
}
