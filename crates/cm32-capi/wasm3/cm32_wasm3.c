/*
 * wasm3 behind cm32's engine vtable (include/cm32_wasm3.h), compiled into libcm32 with the
 * feature `wasm3` (on by default).
 *
 * wasm3's public API links imports by name and finds exports across a whole runtime; this file
 * also uses three of its internals (m3_env.h, m3_compile.h) to link each import in the order
 * cm32 gives them and to find an export of one module: `CompileRawFunction`, `v_FindFunction`
 * and `CompileFunction`.
 */
#include "cm32_wasm3.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wasm3.h"
#include "m3_env.h"
#include "m3_compile.h"

typedef struct engine {
    IM3Environment env;
    size_t stack_bytes;
} engine;

/* A module: wasm3 parses bytes into a runtime and keeps pointing at them, so each store parses
 * its own copy of the bytes. */
typedef struct module {
    uint8_t *wasm;
    size_t len;
} module;

struct store;

/* What one import of one instance calls. */
typedef struct link {
    struct store *store;
    const cm32_host_func *host; /* a host function, or */
    IM3Function target;         /* another instance's function */
    uint32_t nresults;          /* the host function's, checked against the import's type once */
} link;

typedef struct store {
    engine *engine;
    /* wasm3 gives a runtime one memory: a store has a runtime per memory, and a module goes into
     * the runtime of the memory it imports, or into one of its own. */
    IM3Runtime *runtimes;
    uint32_t nruntimes;
    /* Instances: their modules, in the order they were made. */
    IM3Module *modules;
    uint32_t nmodules;
    /* Functions handed to cm32 as items. */
    IM3Function *funcs;
    uint32_t nfuncs;
    /* Import links (each allocated alone, as wasm3 keeps pointers to them). */
    link **links;
    uint32_t nlinks;
    /* Copies of the bytes the modules were parsed from. */
    uint8_t **bytes;
    uint32_t nbytes;
    /* The innermost call in progress (cm32_caller), for host functions. */
    cm32_caller *caller;
    /* A trap a host function returned, carried out of wasm3. */
    cm32_error *pending;
} store;

/* wasm3 reports a trap as a string; a host function's trap travels as this one. */
static const char host_trap[] = "[trap] cm32 host function trap";

static int grow(void **array, uint32_t count, size_t size) {
    void *bigger = realloc(*array, (count + 1) * size);
    if (!bigger) return 0;
    *array = bigger;
    return 1;
}

static cm32_error *error_from(IM3Runtime runtime, M3Result result, const char *what) {
    char message[512];
    M3ErrorInfo info;
    memset(&info, 0, sizeof info);
    if (runtime) m3_GetErrorInfo(runtime, &info);
    if (info.message && info.message[0])
        snprintf(message, sizeof message, "wasm3: %s: %s (%s)", what, result, info.message);
    else
        snprintf(message, sizeof message, "wasm3: %s: %s", what, result);
    return cm32_error_new(message);
}

static cm32_error *trap_from(store *s, IM3Runtime runtime, M3Result result) {
    if (s->pending) {
        cm32_error *e = s->pending;
        s->pending = NULL;
        return e;
    }
    char message[512];
    M3ErrorInfo info;
    memset(&info, 0, sizeof info);
    m3_GetErrorInfo(runtime, &info);
    if (info.message && info.message[0])
        snprintf(message, sizeof message, "wasm %s (%s)", result, info.message);
    else
        snprintf(message, sizeof message, "wasm %s", result);
    return cm32_trap_new(CM32_TRAP_GUEST, message);
}

static cm32_error *compile(void *env, const uint8_t *wasm, size_t len, void **out) {
    (void)env;
    module *m = malloc(sizeof *m);
    uint8_t *copy = malloc(len ? len : 1);
    if (!m || !copy) {
        free(m);
        free(copy);
        return cm32_error_new("wasm3: out of memory");
    }
    memcpy(copy, wasm, len);
    m->wasm = copy;
    m->len = len;
    *out = m;
    return NULL;
}

static void module_delete(void *env, void *m) {
    (void)env;
    module *mod = m;
    free(mod->wasm);
    free(mod);
}

static void *store_new(void *env) {
    store *s = calloc(1, sizeof *s);
    if (s) s->engine = env;
    return s;
}

static void store_delete(void *env, void *st) {
    (void)env;
    store *s = st;
    for (uint32_t i = 0; i < s->nruntimes; i++) m3_FreeRuntime(s->runtimes[i]); /* and their modules */
    free(s->runtimes);
    for (uint32_t i = 0; i < s->nlinks; i++) free(s->links[i]);
    for (uint32_t i = 0; i < s->nbytes; i++) free(s->bytes[i]);
    free(s->links);
    free(s->bytes);
    free(s->modules);
    free(s->funcs);
    cm32_error_delete(s->pending);
    free(s);
}

/* The guest calls a host function: its arguments follow its results on wasm3's stack. */
static const void *call_host(IM3Runtime runtime, IM3ImportContext ctx, uint64_t *sp, void *mem) {
    (void)runtime;
    (void)mem;
    link *l = ctx->userdata;
    cm32_error *e = cm32_host_func_call(l->host, l->store->caller, sp + l->nresults, sp);
    if (e) {
        cm32_error_delete(l->store->pending);
        l->store->pending = e;
        return host_trap;
    }
    return NULL;
}

/* The guest calls a function another instance exported: into wasm3 again. */
static const void *call_other(IM3Runtime runtime, IM3ImportContext ctx, uint64_t *sp, void *mem) {
    (void)runtime;
    (void)mem;
    link *l = ctx->userdata;
    uint32_t nresults = m3_GetRetCount(ctx->function), nargs = m3_GetArgCount(ctx->function);
    const void *args[32], *results[32];
    if (nargs > 32 || nresults > 32) return "[trap] too many values for cm32_wasm3";
    uint64_t *in = sp + nresults;
    for (uint32_t i = 0; i < nargs; i++) args[i] = &in[i];
    M3Result r = m3_Call(l->target, nargs, args);
    if (r) return r;
    /* In the same runtime, wasm3 ran the callee on this very stack from `sp`, so its results are
     * already where they belong; from another runtime they are copied here. Either way they go
     * through a buffer of their own: clearing `sp` first would erase them. */
    uint64_t out[32];
    for (uint32_t i = 0; i < nresults; i++) {
        out[i] = 0;
        results[i] = &out[i];
    }
    r = m3_GetResults(l->target, nresults, results);
    if (r) return r;
    for (uint32_t i = 0; i < nresults; i++) sp[i] = out[i];
    return NULL;
}

static cm32_error *instantiate(void *env, void *st, void *m, const cm32_import *imports, size_t nimports,
                               cm32_caller *caller, uint32_t *instance) {
    (void)env;
    store *s = st;
    module *mod = m;
    if (!grow((void **)&s->bytes, s->nbytes, sizeof *s->bytes)) return cm32_error_new("wasm3: out of memory");
    uint8_t *copy = malloc(mod->len ? mod->len : 1);
    if (!copy) return cm32_error_new("wasm3: out of memory");
    memcpy(copy, mod->wasm, mod->len);
    s->bytes[s->nbytes++] = copy;

    IM3Module parsed = NULL;
    M3Result r = m3_ParseModule(s->engine->env, &parsed, copy, (uint32_t)mod->len);
    if (r) return error_from(NULL, r, "cannot parse the module");
    /* The runtime of the memory the module imports (a memory item's index is its runtime's), or
     * a new one, whose memory is the module's own (or none). */
    IM3Runtime runtime = NULL;
    for (size_t i = 0; i < nimports; i++)
        if (!imports[i].host_func && imports[i].item.kind == CM32_EXTERN_MEMORY && imports[i].item.index < s->nruntimes)
            runtime = s->runtimes[imports[i].item.index];
    if (!runtime) {
        if (!grow((void **)&s->runtimes, s->nruntimes, sizeof *s->runtimes)) {
            m3_FreeModule(parsed);
            return cm32_error_new("wasm3: out of memory");
        }
        runtime = m3_NewRuntime(s->engine->env, (uint32_t)s->engine->stack_bytes, s);
        if (!runtime) {
            m3_FreeModule(parsed);
            return cm32_error_new("wasm3: cannot make a runtime");
        }
        s->runtimes[s->nruntimes++] = runtime;
    }
    r = m3_LoadModule(runtime, parsed);
    if (r) {
        m3_FreeModule(parsed);
        return error_from(runtime, r, "cannot load the module");
    }
    /* Function imports in wasm3's order are the function imports in the binary's order. */
    uint32_t next_func = 0;
    /* The modules whose tables this one imports. */
    IM3Module tables[8];
    uint32_t ntables = 0;
    for (size_t i = 0; i < nimports; i++) {
        const cm32_import *im = &imports[i];
        int is_func = im->host_func != NULL || im->item.kind == CM32_EXTERN_FUNC;
        if (!is_func) {
            if (im->item.kind == CM32_EXTERN_MEMORY) continue; /* the runtime's own */
            if (im->item.kind == CM32_EXTERN_TABLE && im->item.index < s->nmodules && ntables < 8) {
                tables[ntables++] = s->modules[im->item.index];
                continue;
            }
            char message[256];
            snprintf(message, sizeof message,
                     "wasm3 cannot import a %s from another instance (import \"%.*s\" \"%.*s\"); a component "
                     "whose modules share globals needs another engine",
                     im->item.kind == CM32_EXTERN_TABLE ? "table" : im->item.kind == CM32_EXTERN_GLOBAL ? "global" : "memory",
                     (int)im->module_len, (const char *)im->module, (int)im->name_len, (const char *)im->name);
            return cm32_error_new(message);
        }
        if (next_func >= parsed->numFuncImports) return cm32_error_new("wasm3: more function imports given than the module has");
        IM3Function f = &parsed->functions[next_func++];
        if (!grow((void **)&s->links, s->nlinks, sizeof *s->links)) return cm32_error_new("wasm3: out of memory");
        link *l = calloc(1, sizeof *l);
        if (!l) return cm32_error_new("wasm3: out of memory");
        s->links[s->nlinks++] = l;
        l->store = s;
        l->host = im->host_func;
        if (im->host_func) {
            if (m3_GetRetCount(f) != im->nresults || m3_GetArgCount(f) != im->nparams)
                return cm32_error_new("wasm3: a host function's type is not its import's");
            l->nresults = (uint32_t)im->nresults;
        } else {
            if (im->item.index >= s->nfuncs) return cm32_error_new("wasm3: an imported function that is not in the store");
            l->target = s->funcs[im->item.index];
        }
        r = CompileRawFunction(parsed, f, (const void *)(im->host_func ? call_host : call_other), l);
        if (r) return error_from(runtime, r, "cannot link an import");
    }
    /* wasm3 cannot import a table: a module that does writes its elements into a table of its
     * own. That is what wit-component's fixup module does to its shim's table, once, as it is
     * instantiated; so its elements are copied into the table it imports. */
    for (uint32_t t = 0; t < ntables; t++) {
        IM3Module owner = tables[t];
        if (parsed->table0Size > owner->table0Size) {
            IM3Function *bigger = m3_ReallocArray(IM3Function, owner->table0, parsed->table0Size, owner->table0Size);
            if (!bigger) return cm32_error_new("wasm3: out of memory");
            owner->table0 = bigger;
            owner->table0Size = parsed->table0Size;
        }
        for (uint32_t e = 0; e < parsed->table0Size; e++)
            if (parsed->table0[e]) owner->table0[e] = parsed->table0[e];
    }
    if (!grow((void **)&s->modules, s->nmodules, sizeof *s->modules)) return cm32_error_new("wasm3: out of memory");
    s->modules[s->nmodules] = parsed;
    *instance = s->nmodules++;

    cm32_caller *outer = s->caller;
    s->caller = caller;
    r = m3_RunStart(parsed);
    s->caller = outer;
    if (r) return trap_from(s, runtime, r);
    return NULL;
}

static bool find_export(void *env, void *st, uint32_t instance, const uint8_t *name, size_t len, cm32_extern *item) {
    (void)env;
    store *s = st;
    if (instance >= s->nmodules) return false;
    IM3Module mod = s->modules[instance];
    char *wanted = malloc(len + 1);
    if (!wanted) return false;
    memcpy(wanted, name, len);
    wanted[len] = 0;
    bool found = false;
    if (mod->memoryExportName && strcmp(mod->memoryExportName, wanted) == 0) {
        item->kind = CM32_EXTERN_MEMORY;
        for (uint32_t i = 0; i < s->nruntimes; i++)
            if (s->runtimes[i] == mod->runtime) item->index = i;
        found = true;
    } else if (mod->table0ExportName && strcmp(mod->table0ExportName, wanted) == 0) {
        /* Found, so that importing it elsewhere fails with the reason. */
        item->kind = CM32_EXTERN_TABLE;
        item->index = instance;
        found = true;
    } else if (m3_FindGlobal(mod, wanted)) {
        item->kind = CM32_EXTERN_GLOBAL;
        item->index = instance;
        found = true;
    } else {
        IM3Function f = v_FindFunction(mod, wanted);
        if (f && (f->compiled || CompileFunction(f) == m3Err_none) &&
            grow((void **)&s->funcs, s->nfuncs, sizeof *s->funcs)) {
            s->funcs[s->nfuncs] = f;
            item->kind = CM32_EXTERN_FUNC;
            item->index = s->nfuncs++;
            found = true;
        }
    }
    free(wanted);
    return found;
}

static cm32_error *call(void *env, void *st, uint32_t func, const uint64_t *args, size_t nargs, uint64_t *results,
                        size_t nresults, cm32_caller *caller) {
    (void)env;
    store *s = st;
    const void *argp[32], *resp[32];
    if (func >= s->nfuncs || nargs > 32 || nresults > 32) return cm32_trap_new(CM32_TRAP_GUEST, "cm32_wasm3: bad call");
    IM3Function f = s->funcs[func];
    for (size_t i = 0; i < nargs; i++) argp[i] = &args[i];
    cm32_caller *outer = s->caller;
    s->caller = caller;
    M3Result r = m3_Call(f, (uint32_t)nargs, argp);
    if (!r) {
        for (size_t i = 0; i < nresults; i++) {
            results[i] = 0;
            resp[i] = &results[i];
        }
        r = m3_GetResults(f, (uint32_t)nresults, resp);
    }
    s->caller = outer;
    return r ? trap_from(s, f->module->runtime, r) : NULL;
}

static uint8_t *memory(void *env, void *st, uint32_t index, size_t *len) {
    (void)env;
    store *s = st;
    uint32_t size = 0;
    uint8_t *base = index < s->nruntimes ? m3_GetMemory(s->runtimes[index], &size, 0) : NULL;
    *len = base ? size : 0;
    return base;
}

static void engine_delete(void *env) {
    engine *e = env;
    m3_FreeEnvironment(e->env);
    free(e);
}

cm32_error *cm32_wasm3_engine_new(size_t stack_bytes, cm32_engine **out) {
    static const cm32_engine_vtable vtable = {
        .compile = compile,
        .module_delete = module_delete,
        .store_new = store_new,
        .store_delete = store_delete,
        .instantiate = instantiate,
        .find_export = find_export,
        .call = call,
        .memory = memory,
    };
    engine *e = calloc(1, sizeof *e);
    if (!e) return cm32_error_new("wasm3: out of memory");
    e->env = m3_NewEnvironment();
    e->stack_bytes = stack_bytes ? stack_bytes : (1u << 20);
    if (!e->env) {
        free(e);
        return cm32_error_new("wasm3: cannot make an environment");
    }
    cm32_error *err = cm32_engine_new(&vtable, e, engine_delete, out);
    if (err) engine_delete(e);
    return err;
}
