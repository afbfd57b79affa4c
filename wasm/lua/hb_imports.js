// The host functions hb_lua.c imports (answered by HyperBeam's Wasmtime host, never by JavaScript).
mergeInto(LibraryManager.library, {
  hb_host_call: function (op, input, length) { throw new Error('hb_host_call is answered by the host'); },
  hb_host_reply: function (destination) { throw new Error('hb_host_reply is answered by the host'); },
});
