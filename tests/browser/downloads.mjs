// Downloads of one browser context into OUT/downloads, followed through the DevTools
// protocol's download events: a download is finished when Chromium says it completed, not
// when a file appears (Chromium writes it under a temporary name first).
import fs from 'node:fs';
import path from 'node:path';

export class Downloads {
  // Allows the downloads of browser context `contextId` (only that one) into OUT/downloads
  // and listens for their events on a session of the browser target.
  static async open(browser, contextId, outDir) {
    const dir = path.join(outDir, 'downloads');
    fs.mkdirSync(dir, { recursive: true });
    const session = await browser.target().createCDPSession();
    await session.send('Browser.setDownloadBehavior', {
      behavior: 'allowAndName',
      browserContextId: contextId,
      downloadPath: dir,
      eventsEnabled: true,
    });
    return new Downloads(session, dir);
  }

  constructor(session, dir) {
    this.session = session;
    this.dir = dir;
    this.begun = [];
    this.states = new Map();
    this.waiters = [];
    session.on('Browser.downloadWillBegin', (e) => {
      this.begun.push(e);
      this.notify();
    });
    session.on('Browser.downloadProgress', (e) => {
      this.states.set(e.guid, e.state);
      this.notify();
    });
  }

  notify() {
    for (const check of [...this.waiters]) check();
  }

  until(predicate, timeout, what) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== check);
        reject(new Error(`timed out after ${timeout} ms waiting for ${what}`));
      }, timeout);
      const check = () => {
        const value = predicate();
        if (value === undefined) return;
        clearTimeout(timer);
        this.waiters = this.waiters.filter((w) => w !== check);
        resolve(value);
      };
      this.waiters.push(check);
      check();
    });
  }

  // Runs `action`, which must start exactly one download, and waits until the file is
  // complete. Returns { path, filename, url, bytes }; the file keeps the name the server
  // suggested (its basename only).
  async capture(action, timeout) {
    const before = this.begun.length;
    await action();
    const begin = await this.until(() => this.begun[before], timeout, 'a download to begin');
    const state = await this.until(
      () => (['completed', 'canceled'].includes(this.states.get(begin.guid)) ? this.states.get(begin.guid) : undefined),
      timeout,
      `the download of ${begin.suggestedFilename} to finish`,
    );
    if (state !== 'completed') throw new Error(`the download of ${begin.suggestedFilename} was cancelled`);
    const filename = path.basename(begin.suggestedFilename) || begin.guid;
    const target = path.join(this.dir, filename);
    fs.renameSync(path.join(this.dir, begin.guid), target);
    return { path: target, filename, url: begin.url, bytes: fs.statSync(target).size };
  }

  async close() {
    await this.session.detach().catch(() => {});
  }
}
