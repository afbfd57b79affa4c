/*
 * The glue between HyperBeam's lua@5.3a device and Lua 5.3 compiled to WebAssembly.
 *
 * Every value crosses the boundary in one compact binary encoding, one buffer per call (never a host call per key):
 *   0 nil | 1 false | 2 true | 3 integer (i64 LE) | 4 float (f64 LE) | 5 string (u32 LE length, bytes)
 *   6 table (u32 pair count, then key, value ...) | 7 list (u32 count, then values; host to Lua only)
 *
 * Exports (all take a buffer the host wrote into memory from hb_alloc, and free it):
 *   hb_create(memory_limit, seed)   opens the state; 0 on success
 *   hb_eval(in, len)                in = string chunk name, string source, u32 argc, args: loads the text chunk,
 *                                   calls it with the args
 *   hb_install_ao()                 adds ao.resolve/get/set/event to the global ao table (after the modules ran)
 *   hb_call(in, len)                in = string function name, u32 argc, args: calls the global of that name
 *                                   (else its lower-case form)
 * Both answer with the length of the reply at hb_reply(): u32 status, then
 *   0 ok: u32 count, values | 1 no such function | 2 Lua error: error value, string traceback
 *   3 conversion error: string message | 4 load error: string message
 * hb_limit_hit() says whether the memory limit refused an allocation during the last call.
 *
 * Imports: env.hb_host_call(op, in, len) -> reply length, env.hb_host_reply(dst) copies that reply (u32 count, values);
 * ops: 0 ao.resolve, 1 ao.get, 2 ao.set, 3 ao.event.
 * Wall time and instructions are metered by the host (Wasmtime fuel), so there is no Lua hook here.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <emscripten/emscripten.h>

#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"

#define MAX_DEPTH 100

/* Declared to the linker by hb_imports.js; the host answers them (env module). */
extern int32_t hb_host_call(int32_t op, const uint8_t *in, uint32_t len);
extern void hb_host_reply(uint8_t *dst);

enum { ST_OK = 0, ST_NO_FUNCTION = 1, ST_ERROR = 2, ST_CONVERSION = 3, ST_LOAD = 4 };
enum { T_NIL, T_FALSE, T_TRUE, T_INT, T_FLOAT, T_STRING, T_TABLE, T_LIST };

static lua_State *L;
static size_t used_bytes, limit_bytes;
static int limit_hit;

/* ---- allocation with the device's memory limit ---- */

static void *limited_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  (void)ud;
  if (ptr == NULL) osize = 0;
  if (nsize == 0) {
    free(ptr);
    used_bytes -= osize;
    return NULL;
  }
  if (nsize > osize && used_bytes - osize + nsize > limit_bytes) {
    limit_hit = 1;
    return NULL;
  }
  void *moved = realloc(ptr, nsize);
  if (moved == NULL) {
    limit_hit = 1;
    return NULL;
  }
  used_bytes = used_bytes - osize + nsize;
  return moved;
}

/* ---- a growable byte buffer that never raises ---- */

typedef struct { uint8_t *data; size_t len, cap; int failed; } buffer;

static void put(buffer *b, const void *bytes, size_t n) {
  if (b->failed) return;
  if (b->len + n > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n) cap *= 2;
    uint8_t *grown = realloc(b->data, cap);
    if (grown == NULL) { b->failed = 1; return; }
    b->data = grown;
    b->cap = cap;
  }
  memcpy(b->data + b->len, bytes, n);
  b->len += n;
}

static void put_u8(buffer *b, uint8_t v) { put(b, &v, 1); }
static void put_u32(buffer *b, uint32_t v) { put(b, &v, 4); }
static void put_string(buffer *b, const char *s, size_t n) { put_u8(b, T_STRING); put_u32(b, (uint32_t)n); put(b, s, n); }

static buffer reply;
static char conversion_error[256];

/* Encodes the value at idx with raw reads only (no metamethod, no allocation inside Lua); 0 on success. */
static int encode(lua_State *L, int idx, buffer *b, const void **visiting, int depth) {
  idx = lua_absindex(L, idx);
  switch (lua_type(L, idx)) {
    case LUA_TNIL: case LUA_TNONE: put_u8(b, T_NIL); return 0;
    case LUA_TBOOLEAN: put_u8(b, lua_toboolean(L, idx) ? T_TRUE : T_FALSE); return 0;
    case LUA_TNUMBER:
      if (lua_isinteger(L, idx)) { int64_t i = lua_tointeger(L, idx); put_u8(b, T_INT); put(b, &i, 8); }
      else { double d = lua_tonumber(L, idx); put_u8(b, T_FLOAT); put(b, &d, 8); }
      return 0;
    case LUA_TSTRING: { size_t n; const char *s = lua_tolstring(L, idx, &n); put_string(b, s, n); return 0; }
    case LUA_TTABLE: {
      if (depth >= MAX_DEPTH) { strcpy(conversion_error, "a table nests deeper than 100 levels"); return 1; }
      const void *self = lua_topointer(L, idx);
      for (int i = 0; i < depth; i++)
        if (visiting[i] == self) { strcpy(conversion_error, "a table contains itself"); return 1; }
      visiting[depth] = self;
      if (!lua_checkstack(L, 4)) { strcpy(conversion_error, "the Lua stack cannot grow for this value"); return 1; }
      put_u8(b, T_TABLE);
      size_t count_at = b->len;
      put_u32(b, 0);
      uint32_t count = 0;
      lua_pushnil(L);
      while (lua_next(L, idx)) {
        int key = lua_type(L, -2);
        if (key != LUA_TSTRING && key != LUA_TNUMBER && key != LUA_TBOOLEAN) {
          snprintf(conversion_error, sizeof conversion_error, "a Lua %s key cannot become a message key", lua_typename(L, key));
          lua_pop(L, 2);
          return 1;
        }
        if (encode(L, -2, b, visiting, depth + 1) || encode(L, -1, b, visiting, depth + 1)) { lua_pop(L, 2); return 1; }
        lua_pop(L, 1);
        count++;
      }
      if (!b->failed) memcpy(b->data + count_at, &count, 4);
      return 0;
    }
    default:
      snprintf(conversion_error, sizeof conversion_error, "a Lua %s cannot become an AO-Core value (conversion)",
               lua_typename(L, lua_type(L, idx)));
      return 1;
  }
}

static int encode_value(lua_State *L, int idx, buffer *b) {
  const void *visiting[MAX_DEPTH + 1];
  conversion_error[0] = 0;
  if (encode(L, idx, b, visiting, 0)) return 1;
  if (b->failed) { strcpy(conversion_error, "out of memory while encoding a value"); return 1; }
  return 0;
}

/* ---- decoding (runs inside Lua: pushes may raise a memory error) ---- */

typedef struct { const uint8_t *at, *end; } reader;

static void need(lua_State *L, reader *r, size_t n) {
  if ((size_t)(r->end - r->at) < n) luaL_error(L, "lua@5.3a: truncated value from the host");
}

static uint32_t read_u32(lua_State *L, reader *r) { uint32_t v; need(L, r, 4); memcpy(&v, r->at, 4); r->at += 4; return v; }

static void decode(lua_State *L, reader *r, int depth) {
  if (depth > MAX_DEPTH + 1) luaL_error(L, "lua@5.3a: value nests too deeply");
  luaL_checkstack(L, 4, "decoding a value");
  need(L, r, 1);
  uint8_t tag = *r->at++;
  switch (tag) {
    case T_NIL: lua_pushnil(L); return;
    case T_FALSE: lua_pushboolean(L, 0); return;
    case T_TRUE: lua_pushboolean(L, 1); return;
    case T_INT: { int64_t i; need(L, r, 8); memcpy(&i, r->at, 8); r->at += 8; lua_pushinteger(L, i); return; }
    case T_FLOAT: { double d; need(L, r, 8); memcpy(&d, r->at, 8); r->at += 8; lua_pushnumber(L, d); return; }
    case T_STRING: { uint32_t n = read_u32(L, r); need(L, r, n); lua_pushlstring(L, (const char *)r->at, n); r->at += n; return; }
    case T_TABLE: {
      uint32_t n = read_u32(L, r);
      lua_createtable(L, 0, (int)(n < 1024 ? n : 1024));
      for (uint32_t i = 0; i < n; i++) { decode(L, r, depth + 1); decode(L, r, depth + 1); lua_rawset(L, -3); }
      return;
    }
    case T_LIST: {
      uint32_t n = read_u32(L, r);
      lua_createtable(L, (int)(n < 1024 ? n : 1024), 0);
      for (uint32_t i = 0; i < n; i++) { decode(L, r, depth + 1); lua_rawseti(L, -2, (lua_Integer)i + 1); }
      return;
    }
    default: luaL_error(L, "lua@5.3a: unknown value tag %d from the host", tag);
  }
}

static const char *read_string(lua_State *L, reader *r, size_t *n) {
  need(L, r, 1);
  if (*r->at++ != T_STRING) luaL_error(L, "lua@5.3a: expected a string from the host");
  *n = read_u32(L, r);
  need(L, r, *n);
  const char *s = (const char *)r->at;
  r->at += *n;
  return s;
}

/* ---- the ao library: host calls ---- */

static int ao_host(lua_State *L) {
  int op = (int)lua_tointeger(L, lua_upvalueindex(1));
  if (op == 3) { lua_pushliteral(L, "ok"); return 1; } /* ao.event: acknowledged, its arguments are not read */
  int n = lua_gettop(L);
  buffer b = {0};
  put_u32(&b, (uint32_t)n);
  for (int i = 1; i <= n; i++)
    if (encode_value(L, i, &b)) {
      free(b.data);
      lua_pushliteral(L, "error");
      lua_pushstring(L, conversion_error);
      return 2;
    }
  int32_t len = hb_host_call(op, b.data, (uint32_t)b.len);
  free(b.data);
  if (len < 4) return 0;
  /* A userdata, not malloc: if a push below raises, the collector frees it. */
  uint8_t *answer = lua_newuserdata(L, (size_t)len);
  hb_host_reply(answer);
  int base = lua_gettop(L);
  reader r = { answer, answer + len };
  uint32_t count = read_u32(L, &r);
  for (uint32_t i = 0; i < count; i++) decode(L, &r, 0);
  return (int)(lua_gettop(L) - base);
}

/* ---- safe replacements ---- */

/* load of text chunks only: whatever mode the script asks for, "t" is used. */
static int safe_load(lua_State *L) {
  int n = lua_gettop(L);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  if (n < 3) lua_settop(L, 4);
  lua_pushliteral(L, "t");
  lua_replace(L, 4);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

static int io_write(lua_State *L) {
  int n = lua_gettop(L);
  for (int i = 1; i <= n; i++) {
    size_t len;
    const char *s = luaL_checklstring(L, i, &len);
    lua_writestring(s, len);
  }
  lua_settop(L, 0);
  lua_getglobal(L, "io");
  return 1;
}

static const char *const prelude =
  "local loaded, preload = package.loaded, package.preload\n"
  "function require(name)\n"
  "  local found = loaded[name]\n"
  "  if found ~= nil then return found end\n"
  "  local loader = preload[name]\n"
  "  if loader == nil then error(\"module '\" .. tostring(name) .. \"' not found in package.loaded or package.preload\", 2) end\n"
  "  local value = loader(name, ':preload:')\n"
  "  if value == nil then value = loaded[name] end\n"
  "  if value == nil then value = true end\n"
  "  loaded[name] = value\n"
  "  return value\n"
  "end\n"
  "package.path, package.cpath = '', ''\n"
  "package.searchers = { function(name) return preload[name] end }\n"
  "package.config = '/\\n;\\n?\\n!\\n-\\n'\n"
  "local onerror_tb = ...\n"
  "return function(e) return { e, onerror_tb(nil, 2) } end\n";

static int traceback(lua_State *L) {
  const char *msg = lua_tostring(L, 1);
  luaL_traceback(L, L, msg, 2);
  return 1;
}

static int onerror_ref = LUA_NOREF;

static void open_libs(lua_State *L) {
  static const luaL_Reg libs[] = {
    {"_G", luaopen_base}, {LUA_LOADLIBNAME, NULL}, {LUA_COLIBNAME, luaopen_coroutine},
    {LUA_TABLIBNAME, luaopen_table}, {LUA_STRLIBNAME, luaopen_string}, {LUA_MATHLIBNAME, luaopen_math},
    {LUA_UTF8LIBNAME, luaopen_utf8}, {LUA_OSLIBNAME, luaopen_os}, {NULL, NULL}};
  for (const luaL_Reg *lib = libs; lib->name; lib++) {
    if (lib->func == NULL) continue;
    luaL_requiref(L, lib->name, lib->func, 1);
    lua_pop(L, 1);
  }
  /* package: only loaded and preload (no searchers over files, no C loader). */
  lua_newtable(L);
  luaL_getsubtable(L, LUA_REGISTRYINDEX, "_LOADED");
  lua_setfield(L, -2, "loaded");
  luaL_getsubtable(L, LUA_REGISTRYINDEX, "_PRELOAD");
  lua_setfield(L, -2, "preload");
  lua_pushvalue(L, -1);
  lua_setglobal(L, LUA_LOADLIBNAME);
  luaL_getsubtable(L, LUA_REGISTRYINDEX, "_LOADED");
  lua_insert(L, -2);
  lua_setfield(L, -2, LUA_LOADLIBNAME);
  lua_pop(L, 1);
  /* io: write only, to the slot's output. */
  lua_newtable(L);
  lua_pushcfunction(L, io_write);
  lua_setfield(L, -2, "write");
  lua_setglobal(L, "io");
  lua_getglobal(L, "load");
  lua_pushcclosure(L, safe_load, 1);
  lua_setglobal(L, "load");
}

/* ao: resolve, get, set, event call back into the host's resolver. Added to whatever ao table the modules made. */
static int install_ao(lua_State *L) {
  if (lua_getglobal(L, "ao") != LUA_TTABLE) {
    lua_pop(L, 1);
    lua_newtable(L);
    lua_pushvalue(L, -1);
    lua_setglobal(L, "ao");
  }
  static const char *const names[] = {"resolve", "get", "set", "event"};
  for (int i = 0; i < 4; i++) {
    lua_pushstring(L, names[i]);
    lua_pushinteger(L, i);
    lua_pushcclosure(L, ao_host, 1);
    lua_rawset(L, -3);
  }
  return 0;
}

EMSCRIPTEN_KEEPALIVE int hb_install_ao(void) {
  lua_pushcfunction(L, install_ao);
  return lua_pcall(L, 0, 0, 0) == LUA_OK ? 0 : (lua_pop(L, 1), 1);
}

static int open_protected(lua_State *L) {
  open_libs(L);
  if (luaL_loadbufferx(L, prelude, strlen(prelude), "=lua@5.3a", "t") != LUA_OK) return lua_error(L);
  lua_pushcfunction(L, traceback);
  lua_call(L, 1, 1);
  onerror_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  return 0;
}

EMSCRIPTEN_KEEPALIVE int hb_create(double memory_limit, double seed) {
  limit_bytes = memory_limit > 0 ? (size_t)memory_limit : (size_t)-1;
  L = lua_newstate(limited_alloc, NULL);
  if (L == NULL) return 1;
  lua_pushcfunction(L, open_protected);
  if (lua_pcall(L, 0, 0, 0) != LUA_OK) return 2;
  srand((unsigned)(uint64_t)seed);
  return 0;
}

EMSCRIPTEN_KEEPALIVE uint8_t *hb_alloc(uint32_t n) { return malloc(n ? n : 1); }
EMSCRIPTEN_KEEPALIVE uint8_t *hb_reply(void) { return reply.data; }
EMSCRIPTEN_KEEPALIVE int hb_limit_hit(void) { return limit_hit; }
EMSCRIPTEN_KEEPALIVE double hb_memory_used(void) { return (double)used_bytes; }

static int status_override;
static char status_message[512];

/* Protected: decodes the arguments, calls, encodes the results into the reply. */
static int run_protected(lua_State *L) {
  reader *r = lua_touserdata(L, 1);
  int is_eval = lua_toboolean(L, 2);
  lua_settop(L, 0);
  size_t n;
  const char *name = read_string(L, r, &n);
  if (is_eval) {
    size_t source_len;
    const char *source = read_string(L, r, &source_len);
    char chunkname[128];
    snprintf(chunkname, sizeof chunkname, "=%.*s", (int)(n < 100 ? n : 100), name);
    if (luaL_loadbufferx(L, source, source_len, chunkname, "t") != LUA_OK) {
      status_override = ST_LOAD;
      snprintf(status_message, sizeof status_message, "%s", lua_tostring(L, -1) ? lua_tostring(L, -1) : "load failed");
      return 0;
    }
  } else {
    lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_GLOBALS);
    lua_pushlstring(L, name, n);
    if (lua_rawget(L, -2) != LUA_TFUNCTION) {
      lua_pop(L, 1);
      luaL_Buffer lower;
      char *p = luaL_buffinitsize(L, &lower, n);
      for (size_t i = 0; i < n; i++) p[i] = (name[i] >= 'A' && name[i] <= 'Z') ? (char)(name[i] + 32) : name[i];
      luaL_pushresultsize(&lower, n);
      if (lua_rawget(L, 1) != LUA_TFUNCTION) { status_override = ST_NO_FUNCTION; return 0; }
    }
    lua_remove(L, 1);
  }
  uint32_t argc = read_u32(L, r);
  for (uint32_t i = 0; i < argc; i++) decode(L, r, 0);
  lua_call(L, (int)argc, LUA_MULTRET);
  int count = lua_gettop(L);
  put_u32(&reply, ST_OK);
  put_u32(&reply, (uint32_t)count);
  for (int i = 1; i <= count; i++)
    if (encode_value(L, i, &reply)) {
      status_override = ST_CONVERSION;
      snprintf(status_message, sizeof status_message, "%s", conversion_error);
      return 0;
    }
  return 0;
}

static uint32_t run(uint8_t *in, uint32_t len, int is_eval) {
  reader r = { in, in + len };
  reply.len = 0;
  reply.failed = 0;
  limit_hit = 0;
  status_override = -1;
  int top = lua_gettop(L);
  lua_rawgeti(L, LUA_REGISTRYINDEX, onerror_ref);
  lua_pushcfunction(L, run_protected);
  lua_pushlightuserdata(L, &r);
  lua_pushboolean(L, is_eval);
  int status = lua_pcall(L, 2, 0, top + 1);
  free(in);
  if (status == LUA_OK && status_override < 0) { lua_settop(L, top); return (uint32_t)reply.len; }
  reply.len = 0;
  reply.failed = 0;
  if (status == LUA_OK) {
    put_u32(&reply, (uint32_t)status_override);
    if (status_override != ST_NO_FUNCTION) put_string(&reply, status_message, strlen(status_message));
  } else {
    put_u32(&reply, ST_ERROR);
    const char *trace = "";
    if (lua_type(L, -1) == LUA_TTABLE) {
      lua_rawgeti(L, -1, 2);
      if (lua_type(L, -1) == LUA_TSTRING) trace = lua_tostring(L, -1);
      lua_rawgeti(L, -2, 1);
    } else {
      lua_pushnil(L);
      lua_pushvalue(L, -2);
    }
    size_t mark = reply.len;
    if (encode_value(L, -1, &reply)) {
      reply.len = mark;
      reply.failed = 0;
      const char *fallback = status == LUA_ERRMEM ? "not enough memory" : "a Lua error value that cannot be shown";
      put_string(&reply, fallback, strlen(fallback));
    }
    put_string(&reply, trace, strlen(trace));
  }
  lua_settop(L, top);
  return reply.failed ? 0 : (uint32_t)reply.len;
}

EMSCRIPTEN_KEEPALIVE uint32_t hb_eval(uint8_t *in, uint32_t len) { return run(in, len, 1); }
EMSCRIPTEN_KEEPALIVE uint32_t hb_call(uint8_t *in, uint32_t len) { return run(in, len, 0); }
