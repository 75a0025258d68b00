// Times Mozilla Readability (with jsdom) over the benchmark pages: reads ids from stdin, writes JSON to argv[3].
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const { JSDOM, VirtualConsole } = require("jsdom");
const { Readability } = require("@mozilla/readability");

const [folder, outPath] = process.argv.slice(2);
const ids = fs.readFileSync(0, "utf8").split("\n").map((s) => s.trim()).filter(Boolean);
const pages = ids.map((id) => [id, zlib.gunzipSync(fs.readFileSync(path.join(folder, "html", id + ".html.gz"))).toString("utf8")]);
const texts = {};
let failures = 0;
const cpuStart = process.cpuUsage();
const wallStart = process.hrtime.bigint();
for (const [id, html] of pages) {
  try {
    // jsdom throws on some pages' CSS; a silent console and a per-page catch keep the run going.
    const dom = new JSDOM(html, { virtualConsole: new VirtualConsole() });
    const article = new Readability(dom.window.document).parse();
    texts[id] = article && article.textContent ? article.textContent : "";
    dom.window.close();
  } catch (error) {
    failures++;
    texts[id] = "";
  }
}
const cpu = process.cpuUsage(cpuStart);
const wall = Number(process.hrtime.bigint() - wallStart) / 1e9;
fs.writeFileSync(outPath, JSON.stringify({ cpu_seconds: (cpu.user + cpu.system) / 1e6, wall_seconds: wall, failures, texts }));
