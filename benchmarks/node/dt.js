// The docxtemplater peer of benchmarks/run.py: renders the summary grid from the same data.
//
//   node dt.js N data.json out_dir [template.docx]       render N documents in this process
//   node dt.js --time R data.json out_dir [template.docx] in-process timing: median of R
//
// data.json holds one assessment's grid data or a list of them (document i gets item
// i mod length). Each document is rendered from the template's bytes (a new PizZip each time)
// and saved with PizZip generate (DEFLATE). The template defaults to grid.docx beside
// data.json. --time renders 5 documents to warm up, then R timed ones, and prints JSON.
"use strict";
const fs = require("fs");
const path = require("path");
const PizZip = require("pizzip");
const Docxtemplater = require("docxtemplater");

function render(template, data, out) {
  const doc = new Docxtemplater(new PizZip(template), { paragraphLoop: true, linebreaks: true });
  doc.render(data);
  fs.writeFileSync(out, doc.getZip().generate({ type: "nodebuffer", compression: "DEFLATE" }));
}

function main(argv) {
  const timing = argv[0] === "--time";
  const args = timing ? argv.slice(1) : argv;
  const [count, dataFile, outDir, templateFile] = args;
  const n = parseInt(count, 10);
  if (!(n > 0) || !dataFile || !outDir) {
    console.error("usage: node dt.js [--time] N data.json out_dir [template.docx]");
    return 2;
  }
  const raw = JSON.parse(fs.readFileSync(dataFile, "utf8"));
  const data = Array.isArray(raw) ? raw : [raw];
  const template = fs.readFileSync(templateFile || path.join(path.dirname(dataFile), "grid.docx"));
  fs.mkdirSync(outDir, { recursive: true });
  const out = (i) => path.join(outDir, `dt-${String(i + 1).padStart(2, "0")}.docx`);
  if (!timing) {
    for (let i = 0; i < n; i++) render(template, data[i % data.length], out(i));
    return 0;
  }
  for (let i = 0; i < 5; i++) render(template, data[i % data.length], out(0));
  const times = [];
  for (let i = 0; i < n; i++) {
    const start = process.hrtime.bigint();
    render(template, data[i % data.length], out(0));
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  const median = n % 2 ? times[(n - 1) / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
  console.log(JSON.stringify({ median_ms: median, min_ms: times[0], runs: n }));
  return 0;
}

process.exitCode = main(process.argv.slice(2));
