// Preloaded by the benchmarks (node --import) into a process they measure: at exit it prints one line
// `LSTMKIT_USAGE {"maxRSS":kB,"user":us,"system":us}` on stderr (the whole process, worker threads included).
process.on('exit', () => {
  const u = process.resourceUsage();
  process.stderr.write(
    `LSTMKIT_USAGE ${JSON.stringify({ maxRSS: u.maxRSS, user: u.userCPUTime, system: u.systemCPUTime })}\n`,
  );
});
