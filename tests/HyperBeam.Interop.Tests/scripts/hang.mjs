// For the harness's own test: never finishes, so the runner has to kill it.
setInterval(() => {}, 1 << 30);
