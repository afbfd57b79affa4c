// For the harness's own test: fails the way a broken script would, with a message on stderr.
process.stderr.write("deliberate failure: the harness must show this line\n");
process.exit(3);
