/*
 * A host call on wasm3: through cm32's C API (the fast path, and the cm32_val path) next to a
 * raw wasm3 host function, in one process, interleaved rounds:
 *   bench SPIN_RAW.wasm SPIN.wasm SPIN.wit [CALLS]
 * Each measurement runs spin(CALLS) (bench/spin.wat): a wasm loop that calls the host's add1.
 * Prints the median time per iteration of each, and the ratios to raw.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cm32.h"
#include "cm32_wasm3.h"
#include "wasm3.h"

static unsigned char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc((size_t)size);
    *len = fread(buf, 1, (size_t)size, f);
    fclose(f);
    return buf;
}

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

/* What a wasm3 embedder writes by hand: the argument and the result on wasm3's stack. */
static const void *raw_add1(IM3Runtime runtime, IM3ImportContext ctx, uint64_t *sp, void *mem) {
    (void)runtime;
    (void)ctx;
    (void)mem;
    uint32_t x = *(uint32_t *)(sp + 1);
    *(uint32_t *)sp = x + 1;
    return NULL;
}

static cm32_error *fast_add1(void *env, cm32_context *cx, const cm32_fast *args, size_t nargs, cm32_fast *result) {
    (void)env;
    (void)cx;
    (void)nargs;
    result->u64 = args[0].u64 + 1;
    return NULL;
}

static cm32_error *val_add1(void *env, cm32_context *cx, const cm32_val *args, size_t nargs, cm32_val *result) {
    (void)env;
    (void)cx;
    (void)nargs;
    result->kind = CM32_VAL_U32;
    result->of.u32 = args[0].of.u32 + 1;
    return NULL;
}

static void die(const char *what, const char *why) {
    fprintf(stderr, "error: %s: %s\n", what, why);
    exit(2);
}

static cm32_instance *cm32_spin(cm32_world *world, cm32_engine *engine, const unsigned char *wasm, size_t len, int fast) {
    cm32_linker *linker = cm32_linker_new(world, engine);
    cm32_error *e = fast ? cm32_linker_define_fast(linker, "bench:spin/host#add1", fast_add1, NULL, NULL)
                         : cm32_linker_define(linker, "bench:spin/host#add1", val_add1, NULL, NULL);
    if (e) die("define", cm32_error_message(e));
    cm32_instance *instance = NULL;
    e = cm32_instance_new(linker, wasm, len, NULL, NULL, &instance);
    if (e) die("instantiate", cm32_error_message(e));
    cm32_linker_delete(linker);
    return instance;
}

static double time_cm32(cm32_instance *instance, uint32_t calls) {
    cm32_val arg, result;
    bool has_result;
    arg.kind = CM32_VAL_U32;
    arg.of.u32 = calls;
    double start = now();
    cm32_error *e = cm32_instance_call(instance, "spin", &arg, 1, &result, &has_result);
    double elapsed = now() - start;
    if (e) die("spin", cm32_error_message(e));
    if (result.of.u32 != calls) die("spin", "wrong result");
    return elapsed / calls;
}

static double time_raw(IM3Function spin, uint32_t calls) {
    double start = now();
    M3Result r = m3_CallV(spin, calls);
    double elapsed = now() - start;
    uint32_t out = 0;
    if (!r) r = m3_GetResultsV(spin, &out);
    if (r) die("raw spin", r);
    if (out != calls) die("raw spin", "wrong result");
    return elapsed / calls;
}

static int compare(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

#define ROUNDS 11

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s SPIN_RAW.wasm SPIN.wasm SPIN.wit [CALLS]\n", argv[0]);
        return 2;
    }
    uint32_t calls = argc > 4 ? (uint32_t)strtoul(argv[4], NULL, 10) : 2000000;
    size_t raw_len, len;
    unsigned char *raw_wasm = read_file(argv[1], &raw_len), *wasm = read_file(argv[2], &len);
    if (!raw_wasm || !wasm) die("read", "cannot read the modules");

    IM3Environment env = m3_NewEnvironment();
    IM3Runtime runtime = m3_NewRuntime(env, 1 << 20, NULL);
    IM3Module module;
    M3Result r = m3_ParseModule(env, &module, raw_wasm, (uint32_t)raw_len);
    if (!r) r = m3_LoadModule(runtime, module);
    if (!r) r = m3_LinkRawFunction(module, "bench", "add1", "i(i)", raw_add1);
    IM3Function spin;
    if (!r) r = m3_FindFunction(&spin, runtime, "spin");
    if (r) die("raw wasm3", r);

    cm32_world *world;
    cm32_error *e = cm32_world_load(argv[3], NULL, &world);
    if (e) die("world", cm32_error_message(e));
    cm32_engine *engine;
    e = cm32_wasm3_engine_new(0, &engine);
    if (e) die("engine", cm32_error_message(e));
    cm32_instance *fast = cm32_spin(world, engine, wasm, len, 1), *tree = cm32_spin(world, engine, wasm, len, 0);

    double raw_ns[ROUNDS], fast_ns[ROUNDS], tree_ns[ROUNDS];
    time_raw(spin, calls / 10);
    time_cm32(fast, calls / 10);
    time_cm32(tree, calls / 10);
    for (int i = 0; i < ROUNDS; i++) {
        raw_ns[i] = time_raw(spin, calls);
        fast_ns[i] = time_cm32(fast, calls);
        tree_ns[i] = time_cm32(tree, calls / 4);
    }
    qsort(raw_ns, ROUNDS, sizeof(double), compare);
    qsort(fast_ns, ROUNDS, sizeof(double), compare);
    qsort(tree_ns, ROUNDS, sizeof(double), compare);
    double raw = raw_ns[ROUNDS / 2], f = fast_ns[ROUNDS / 2], t = tree_ns[ROUNDS / 2];
    printf("wasm3 host call, %u iterations x %d rounds (median ns per iteration)\n", calls, ROUNDS);
    printf("raw wasm3 host function      %7.1f ns  1.00x\n", raw);
    printf("cm32 C API, fast path        %7.1f ns  %.2fx\n", f, f / raw);
    printf("cm32 C API, cm32_val path    %7.1f ns  %.2fx\n", t, t / raw);

    cm32_instance_delete(fast);
    cm32_instance_delete(tree);
    cm32_engine_delete(engine);
    cm32_world_delete(world);
    m3_FreeRuntime(runtime);
    m3_FreeEnvironment(env);
    free(raw_wasm);
    free(wasm);
    return 0;
}
