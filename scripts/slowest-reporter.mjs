// A node:test reporter that prints, at the end of a run, the ten test files that took longest
// (the time of their top-level tests, which run one after another in the file's process), then the
// totals as one line. Used beside the TAP reporter, whose totals stay as they are:
// `--test-reporter=tap --test-reporter=./scripts/slowest-reporter.mjs`.
export default async function* slowest(source) {
  const files = new Map();
  const count = { passed: 0, failed: 0, skipped: 0 };
  for await (const event of source) {
    if (event.type !== "test:pass" && event.type !== "test:fail") continue;
    const { file, nesting, details, skip, todo } = event.data;
    if (nesting !== 0) continue;
    if (event.type === "test:fail") count.failed++;
    else if (skip || todo) count.skipped++;
    else count.passed++;
    if (!file || details?.duration_ms === undefined) continue;
    const f = files.get(file) ?? { ms: 0, failed: false };
    f.ms += details.duration_ms;
    f.failed ||= event.type === "test:fail";
    files.set(file, f);
  }
  const cwd = process.cwd() + "/";
  const all = [...files].sort((a, b) => b[1].ms - a[1].ms);
  const total = all.reduce((n, [, f]) => n + f.ms, 0);
  yield `\n# slowest ${Math.min(10, all.length)} of ${all.length} test files (${(total / 1000).toFixed(0)} s of test time in all):\n`;
  for (const [file, f] of all.slice(0, 10)) yield `#   ${(f.ms / 1000).toFixed(1).padStart(6)} s  ${file.replace(cwd, "")}${f.failed ? "  (failed)" : ""}\n`;
  // The totals again, last, as one plain line: this list must not hide them.
  yield `tests: ${count.passed} passed, ${count.failed} failed${count.skipped ? `, ${count.skipped} skipped` : ""}\n`;
}
