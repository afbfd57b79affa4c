/* CI's own AO JSON-interface process (what @permaweb/ao-loader and HyperBEAM's json-iface call):
 *   const char *handle(const char *message_json, const char *env_json)
 * returns {"ok":true,"response":{Output, Messages, Spawns, Assignments, GasUsed}}. State is a counter in linear memory,
 * so a snapshot of the memory carries it. Actions (the message's Action tag):
 *   Count (or none)  counter + 1; Output.data "count N"; one message back to From with Action=Counted, Count=N
 *   Echo             Output.data is the message's Data; one message back to From carrying the message's Tags
 *   Spawn            Output.data "spawning"; one message back to From (Action=Spawning, the message's Data) and one
 *                    Spawn carrying the message's Tags, Data, Id, Owner and Anchor (what a differential test compares)
 *   Reserve          keeps an allocation of the message's Bytes tag (a decimal count) filled with heap-like records, so
 *                    the memory stays that large (what the snapshot bench measures); Output.data "reserved N"
 *   Fail             an error result (the handler reports an Error, the module keeps running)
 *   Trap             traps (unreachable)
 *   Loop             never returns (fuel or the wall-time limit must stop it)
 *   Grow             allocates until malloc fails, then aborts (the memory cap must stop it)
 * The JSON reading is just enough for the compact JSON the hosts write. With -DAO_LOADER_ENTRY it also has an empty
 * main, which emscripten's JS glue (what @permaweb/ao-loader's formats are) calls once at start-up. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <emscripten.h>

static long counter;
/* The Reserve allocations, chained through their first bytes: kept, so neither freed nor optimised away. */
static void *volatile reserved;
static char *out;
static size_t out_len, out_cap;

static void put(const char *text, size_t n) {
  if (out_len + n + 1 > out_cap) {
    out_cap = (out_len + n + 1) * 2;
    out = realloc(out, out_cap);
    if (!out) abort();
  }
  memcpy(out + out_len, text, n);
  out_len += n;
  out[out_len] = 0;
}
static void puts_(const char *text) { put(text, strlen(text)); }

/* The end of the JSON string starting after its opening quote. */
static const char *string_end(const char *p) {
  while (*p && *p != '"') p += (*p == '\\' && p[1]) ? 2 : 1;
  return p;
}

/* The end of the JSON value starting at p (string, array, object or scalar). */
static const char *value_end(const char *p) {
  if (*p == '"') { p = string_end(p + 1); return *p ? p + 1 : p; }
  if (*p == '[' || *p == '{') {
    int depth = 0;
    for (; *p; p++) {
      if (*p == '"') { p = string_end(p + 1); if (!*p) return p; continue; }
      if (*p == '[' || *p == '{') depth++;
      if (*p == ']' || *p == '}') { if (--depth == 0) return p + 1; }
    }
    return p;
  }
  while (*p && *p != ',' && *p != '}' && *p != ']') p++;
  return p;
}

/* The raw value of a top-level key of an object (the first "key": anywhere, which the hosts' key order makes the
 * top-level one for the keys used here). */
static const char *find_value(const char *json, const char *key, const char **end) {
  char pattern[64];
  snprintf(pattern, sizeof pattern, "\"%s\":", key);
  const char *at = strstr(json, pattern);
  if (!at) return NULL;
  at += strlen(pattern);
  while (*at == ' ') at++;
  *end = value_end(at);
  return at;
}

/* The raw (still escaped, quoted) value of the tag named name in the Tags list. */
static const char *find_tag(const char *json, const char *name, const char **end) {
  const char *tags_end, *tags = find_value(json, "Tags", &tags_end);
  if (!tags) return NULL;
  char pattern[64];
  snprintf(pattern, sizeof pattern, "\"name\":\"%s\"", name);
  for (const char *at = strstr(tags, pattern); at && at < tags_end; at = strstr(at + 1, pattern)) {
    const char *close = strchr(at, '}');
    const char *value = strstr(at, "\"value\":");
    if (value && close && value < close) {
      value += 8;
      *end = value_end(value);
      return value;
    }
  }
  return NULL;
}

static int tag_is(const char *json, const char *name, const char *expected) {
  const char *end, *value = find_tag(json, name, &end);
  size_t n = strlen(expected);
  return value && *value == '"' && (size_t)(end - value) == n + 2 && memcmp(value + 1, expected, n) == 0;
}

static void put_raw(const char *json, const char *key, const char *otherwise) {
  const char *end, *value = find_value(json, key, &end);
  if (value && value != end) put(value, end - value); else puts_(otherwise);
}

EMSCRIPTEN_KEEPALIVE const char *handle(const char *message, const char *env) {
  (void)env;
  out_len = 0;
  puts_("{\"ok\":true,\"response\":{");
  if (tag_is(message, "Action", "Trap")) __builtin_trap();
  if (tag_is(message, "Action", "Loop")) { for (volatile long i = 0;; i++) { } }
  if (tag_is(message, "Action", "Grow")) {
    for (;;) {
      char *block = malloc(1 << 20);
      if (!block) abort();
      memset(block, 1, 1 << 20);
    }
  }
  if (tag_is(message, "Action", "Fail")) {
    puts_("\"Error\":\"failed on request\",\"Output\":\"\",\"Messages\":[],\"Spawns\":[],\"Assignments\":[],\"GasUsed\":0}}");
    return out;
  }
  if (tag_is(message, "Action", "Reserve")) {
    const char *end, *bytes = find_tag(message, "Bytes", &end);
    size_t n = bytes && *bytes == '"' ? strtoul(bytes + 1, NULL, 10) : 0;
    unsigned char *block = malloc(n);
    if (!block) abort();
    /* Heap-like: 16-byte records of a random word, a pointer-like counter and zeros; neither all zeros nor
     * incompressible (zlib keeps about a third of it). */
    memset(block, 0, n);
    for (size_t i = 0, x = n; i + 16 <= n; i += 16) {
      x = x * 1103515245u + 12345u;
      unsigned word = (unsigned)(x >> 8), at = (unsigned)i;
      memcpy(block + i, &word, 4);
      memcpy(block + i + 4, &at, 4);
    }
    if (n >= sizeof(void *)) { memcpy(block, (const void *)&reserved, sizeof(void *)); reserved = block; }
    char number[32];
    snprintf(number, sizeof number, "%lu", (unsigned long)n);
    puts_("\"Output\":{\"data\":\"reserved ");
    puts_(number);
    puts_("\"},\"Messages\":[],\"Spawns\":[],\"Assignments\":[],\"GasUsed\":0}}");
    return out;
  }
  if (tag_is(message, "Action", "Spawn")) {
    puts_("\"Output\":{\"data\":\"spawning\"},\"Messages\":[{\"Target\":");
    put_raw(message, "From", "\"\"");
    puts_(",\"Tags\":[{\"name\":\"Action\",\"value\":\"Spawning\"}],\"Data\":");
    put_raw(message, "Data", "\"\"");
    puts_("}],\"Spawns\":[{\"Tags\":");
    put_raw(message, "Tags", "[]");
    puts_(",\"Data\":");
    put_raw(message, "Data", "\"\"");
    puts_(",\"From-Message\":");
    put_raw(message, "Id", "\"\"");
    puts_(",\"Owner\":");
    put_raw(message, "Owner", "\"\"");
    puts_(",\"Anchor\":");
    put_raw(message, "Anchor", "\"\"");
    puts_("}],\"Assignments\":[],\"GasUsed\":0}}");
    return out;
  }
  if (tag_is(message, "Action", "Echo")) {
    puts_("\"Output\":{\"data\":");
    put_raw(message, "Data", "\"\"");
    puts_("},\"Messages\":[{\"Target\":");
    put_raw(message, "From", "\"\"");
    puts_(",\"Tags\":");
    put_raw(message, "Tags", "[]");
    puts_(",\"Data\":");
    put_raw(message, "Data", "\"\"");
    puts_("}],\"Spawns\":[],\"Assignments\":[],\"GasUsed\":0}}");
    return out;
  }
  char number[32];
  snprintf(number, sizeof number, "%ld", ++counter);
  puts_("\"Output\":{\"data\":\"count ");
  puts_(number);
  puts_("\"},\"Messages\":[{\"Target\":");
  put_raw(message, "From", "\"\"");
  puts_(",\"Tags\":[{\"name\":\"Action\",\"value\":\"Counted\"},{\"name\":\"Count\",\"value\":\"");
  puts_(number);
  puts_("\"}],\"Data\":\"");
  puts_(number);
  puts_("\"}],\"Spawns\":[],\"Assignments\":[],\"GasUsed\":0}}");
  return out;
}

#ifdef AO_LOADER_ENTRY
int main(void) { return 0; }
#endif
