import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { CONFIG_VARIABLE_LIST } from '../../src/config';
import { COMPILED_MAIN, ensureCompiledApp } from './compiled-app';

const ROOT = join(__dirname, '..', '..');

/**
 * The service as a real process, started like `npm start` from plain JavaScript: the app compiled
 * once per test run, at the first such start (see compiled-app.ts), so no process compiles the sources again.
 */
export class AppProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;

  private constructor(env: Record<string, string>) {
    // Only what the test sets reaches the app: nothing from the developer's own environment.
    const inherited = { ...process.env };
    for (const { name } of CONFIG_VARIABLE_LIST) delete inherited[name];
    delete inherited.NODE_OPTIONS;
    this.child = spawn(process.execPath, [COMPILED_MAIN], {
      cwd: ROOT,
      env: { ...inherited, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdout += chunk;
    });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
  }

  static start(env: Record<string, string>): AppProcess {
    ensureCompiledApp();
    return new AppProcess(env);
  }

  get pid(): number {
    return this.child.pid!;
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** The JSON log lines written so far. */
  get logLines(): Array<Record<string, unknown>> {
    return this.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line));
  }

  async waitForLog(matches: (line: Record<string, unknown>) => boolean, timeoutMs = 20_000): Promise<Record<string, unknown>> {
    return this.waitFor(() => this.logLines.find(matches), timeoutMs, 'log line');
  }

  /** Resolves once GET /health answers 200; fails early if the process exits first. */
  async waitForHealth(port: number, timeoutMs = 45_000): Promise<void> {
    await this.waitFor(
      async () => {
        const res = await fetch(`http://127.0.0.1:${port}/health`).catch(() => undefined);
        return res?.status === 200 ? true : undefined;
      },
      timeoutMs,
      '/health',
    );
  }

  private async waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number, what: string): Promise<T> {
    let exited = false;
    void this.exited.then(() => {
      exited = true;
    });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = await probe();
      if (found !== undefined) return found;
      if (exited) throw new Error(`the app exited before ${what}; stderr: ${this.stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no ${what} within ${timeoutMs} ms; stderr: ${this.stderr}`);
  }
}

/** A port nothing listens on right now. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
