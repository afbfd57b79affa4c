/* CI's AO JSON-interface process with C++ exceptions: counter.c (linked in, its handle() renamed counter_handle)
 * behind a handle() in C++ built with emscripten's -fwasm-exceptions, which compiles try/catch, rethrow and the
 * clean-ups of unwinding into the legacy try/catch/catch_all/rethrow/delegate instructions the host translates.
 * Actions beyond counter.c's:
 *   Throw     throws a std::runtime_error five calls deep; handle() catches it. Output.data
 *             "caught deep: 1 rethrow, 5 clean-ups" (the counter is untouched)
 *   Uncaught  throws out of handle() (no one catches): the slot's error, the process goes on */
#include <cstring>
#include <stdexcept>
#include <string>
#include <emscripten.h>

extern "C" const char *counter_handle(const char *message, const char *env);

namespace {

std::string reply;
int cleanups;
int rethrows;

bool action_is(const char *message, const char *action) {
  std::string pattern = std::string("{\"name\":\"Action\",\"value\":\"") + action + "\"}";
  return std::strstr(message, pattern.c_str()) != nullptr;
}

/* A destructor that runs while the exception unwinds through each frame. */
struct Cleanup {
  ~Cleanup() { ++cleanups; }
};

__attribute__((noinline)) int dive(int frames) {
  Cleanup cleanup;
  if (frames <= 1) throw std::runtime_error("deep");
  return dive(frames - 1) + 1;
}

/* Catches what dive throws, counts it and throws it on: a rethrow from a handler. */
__attribute__((noinline)) int relay(int frames) {
  try {
    return dive(frames);
  } catch (const std::exception &) {
    ++rethrows;
    throw;
  }
}

const char *respond(const std::string &data) {
  reply = "{\"ok\":true,\"response\":{\"Output\":{\"data\":\"" + data +
          "\"},\"Messages\":[],\"Spawns\":[],\"Assignments\":[],\"GasUsed\":0}}";
  return reply.c_str();
}

}  // namespace

extern "C" EMSCRIPTEN_KEEPALIVE const char *handle(const char *message, const char *env) {
  if (action_is(message, "Throw")) {
    cleanups = 0;
    rethrows = 0;
    try {
      relay(5);
      return respond("not thrown");
    } catch (const std::runtime_error &e) {
      return respond(std::string("caught ") + e.what() + ": " + std::to_string(rethrows) + " rethrow, " +
                     std::to_string(cleanups) + " clean-ups");
    }
  }
  if (action_is(message, "Uncaught")) relay(3);
  return counter_handle(message, env);
}
