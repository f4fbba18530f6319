// Turns the output of `cargo bench --bench native` (divan's tree table, saved as DIR/native.txt)
// and the inputs list the bench binary wrote (DIR/inputs.json) into DIR/native.json and
// DIR/native.md: benchmark, input, size, median and throughput. Divan has no machine-readable
// output yet, so its table is read here; a table this script cannot read is an error, not an
// empty report. `node scripts/bench-native.mjs build-output/bench` (make bench-native runs it).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, platform, release } from 'node:os';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'build-output/bench';
const text = readFileSync(join(dir, 'native.txt'), 'utf8');
const inputs = JSON.parse(readFileSync(join(dir, 'inputs.json'), 'utf8'));

const UNITS = { ps: 1e-3, ns: 1, 'µs': 1e3, 'μs': 1e3, us: 1e3, ms: 1e6, s: 1e9 };
const nanos = (cell) => {
  const m = /^([\d.]+) (ps|ns|µs|μs|us|ms|s)$/.exec(cell.trim());
  if (!m) throw new Error(`bench-native: not a duration: "${cell}"`);
  return Number(m[1]) * UNITS[m[2]];
};

// Rows look like `│  ├─ large           225 ms  │ 265.1 ms │ 234 ms │ 237.6 ms │ 17 │ 17`: the
// tree prefix (3 characters a level) gives the path, group rows have empty cells.
const rows = [];
const path = [];
let inTable = false;
for (const line of text.split('\n')) {
  if (!inTable) { inTable = /fastest\s+│\s+slowest\s+│\s+median\s+│\s+mean/.test(line); continue; }
  const prefix = /^[│├╰─ ]*/.exec(line)[0];
  const rest = line.slice(prefix.length);
  if (!rest.trim()) continue;
  const name = rest.split(/\s+/)[0];
  const depth = prefix.length / 3;
  if (!Number.isInteger(depth) || depth < 1) continue;
  path.length = depth - 1;
  path.push(name);
  const cells = rest.slice(name.length).split('│').map((c) => c.trim());
  if (cells.every((c) => c === '')) continue; // a group
  if (cells.length !== 6) throw new Error(`bench-native: cannot read row "${line}"`);
  const [fastest, slowest, median, mean] = cells.slice(0, 4).map(nanos);
  rows.push({ id: path.join('/'), fastest_ns: fastest, slowest_ns: slowest, median_ns: median, mean_ns: mean,
    samples: Number(cells[4]), iters: Number(cells[5]) });
}
if (rows.length === 0) throw new Error(`bench-native: no benchmark rows in ${join(dir, 'native.txt')}`);

// Every benchmark must say what its input is (benches/native.rs `inputs`): a missing entry
// means a renamed benchmark or a table read wrongly, and either would give a wrong report.
const unknown = rows.filter((r) => !inputs[r.id]).map((r) => r.id);
if (unknown.length) throw new Error(`bench-native: no input listed for ${unknown.join(', ')}`);

const benchmarks = rows.map((r) => {
  const input = inputs[r.id];
  let throughput = null;
  if (input.per === 'bytes' && input.bytes) throughput = { value: input.bytes / r.median_ns * 1e3, unit: 'MB/s' };
  if (input.per === 'members') throughput = { value: input.items / r.median_ns * 1e9, unit: 'members/s' };
  return { ...r, input: input.label, bytes: input.bytes, items: input.items, items_of: input.items_of, throughput };
});

const sh = (cmd, args) => { try { return execFileSync(cmd, args, { encoding: 'utf8' }).trim(); } catch { return null; } };
const machine = {
  nproc: Number(sh('nproc', [])) || cpus().length,
  cpu: cpus()[0]?.model?.trim() ?? null,
  os: `${platform()} ${release()}`,
  rustc: sh('rustc', ['--version']),
};
const report = {
  harness: 'divan 0.1.21 (cargo bench --bench native, profile bench: opt-level 3, no LTO)',
  date: new Date().toISOString(),
  commit: sh('git', ['rev-parse', '--short', 'HEAD']),
  machine,
  benchmarks,
};
writeFileSync(join(dir, 'native.json'), JSON.stringify(report, null, 2) + '\n');

// Three significant figures, in the unit that keeps the number between 1 and 1000.
const sig = (x) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const time = (ns) => (ns >= 1e9 ? `${sig(ns / 1e9)} s` : ns >= 1e6 ? `${sig(ns / 1e6)} ms` : ns >= 1e3 ? `${sig(ns / 1e3)} µs` : `${sig(ns)} ns`);
const size = (b) => {
  if (b.bytes == null) return b.items == null ? '—' : `${b.items.toLocaleString('en')} ${b.items_of}`;
  return b.bytes >= 1e6 ? `${sig(b.bytes / 1e6)} MB` : b.bytes >= 1e3 ? `${sig(b.bytes / 1e3)} KB` : `${b.bytes} B`;
};
const rate = (t) => (t == null ? '—' : t.unit === 'MB/s' ? `${sig(t.value)} MB/s` : `${Math.round(t.value).toLocaleString('en')} ${t.unit}`);
const md = [
  '| Benchmark | Input | Size | Median | Throughput |',
  '| --- | --- | ---: | ---: | ---: |',
  ...benchmarks.map((b) => `| \`${b.id}\` | ${b.input} | ${size(b)} | ${time(b.median_ns)} | ${rate(b.throughput)} |`),
  '',
  `${report.harness}; ${machine.nproc} × ${machine.cpu}; ${machine.rustc}; commit ${report.commit}, ${report.date.slice(0, 10)}.`,
  '',
].join('\n');
writeFileSync(join(dir, 'native.md'), md);
process.stdout.write(`\n${md}\n[bench-native] ${benchmarks.length} benchmarks → ${join(dir, 'native.json')}, ${join(dir, 'native.md')}\n`);
