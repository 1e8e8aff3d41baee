/*
 * wasm3 as a cm32 engine: a cm32_engine_vtable over wasm3 0.5.2, written against cm32.h only
 * (and wasm3's own headers).
 *
 * A store is one wasm3 runtime; the modules instantiated in it share its memory (wasm3 has one
 * per runtime), which is what a module importing another's memory needs. A function one
 * instance imports from another is called through a host function that enters wasm3 again.
 * Tables and globals cannot be imported from another instance: instantiating a module that
 * needs that fails with an error that says so.
 */
#ifndef CM32_WASM3_H
#define CM32_WASM3_H

#include "cm32.h"

/* Makes a cm32 engine of wasm3; `stack_bytes` is each store's wasm3 stack (0: 1 MiB). */
cm32_error *cm32_wasm3_engine_new(size_t stack_bytes, cm32_engine **out);

#endif
