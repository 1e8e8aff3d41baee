/*
 * wasm3 as a cm32 engine: a cm32_engine_vtable over wasm3 0.5.2, written against cm32.h only
 * (and wasm3's own headers).
 *
 * wasm3 gives a runtime one memory, so a store has a runtime per memory: a module goes into the
 * runtime of the memory it imports, or into a new one. A function one instance imports from
 * another is called through a host function that enters wasm3 again. wasm3 cannot import a
 * table: a module that imports one (wit-component's fixup module) has its elements copied into
 * the table it imports as it is instantiated. Globals cannot be imported from another instance:
 * instantiating a module that needs that fails with an error that says so.
 */
#ifndef CM32_WASM3_H
#define CM32_WASM3_H

#include "cm32.h"

/* Makes a cm32 engine of wasm3; `stack_bytes` is each store's wasm3 stack (0: 1 MiB). */
cm32_error *cm32_wasm3_engine_new(size_t stack_bytes, cm32_engine **out);

#endif
