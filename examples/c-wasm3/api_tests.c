/*
 * The C API's error paths, from C, on wasm3:
 *   api_tests WORLD.wit GUEST.wasm MISMATCH.wasm
 * (api/api.wit, and api/guest.wat and api/mismatch.wat compiled). Prints one line per check and
 * exits 1 at the first that fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cm32.h"
#include "cm32_wasm3.h"

static int checks = 0;

#define CHECK(cond, ...)                                   \
    do {                                                   \
        checks++;                                          \
        if (!(cond)) {                                     \
            fprintf(stderr, "FAILED at line %d: ", __LINE__); \
            fprintf(stderr, __VA_ARGS__);                  \
            fprintf(stderr, "\n");                         \
            exit(1);                                       \
        }                                                  \
    } while (0)

static int contains(const char *text, const char *part) { return text && strstr(text, part) != NULL; }

static unsigned char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *buf = malloc(size > 0 ? (size_t)size : 1);
    *len = fread(buf, 1, (size_t)size, f);
    fclose(f);
    return buf;
}

/* What the host functions see and count. */
typedef struct host_state {
    int dtor_calls;
    uint32_t last_dtor_rep;
    int wrong_result; /* `greet` returns a number instead of a string */
} host_state;

static int finalized = 0;

static void finalize(void *env) {
    (void)env;
    finalized++;
}

static cm32_error *make(void *env, cm32_context *cx, const cm32_val *args, size_t nargs, cm32_val *result) {
    (void)env;
    (void)cx;
    if (nargs != 1 || args[0].kind != CM32_VAL_U32) return cm32_error_new("make: bad arguments");
    result->kind = CM32_VAL_OWN;
    result->of.resource = args[0].of.u32 * 100;
    return NULL;
}

static cm32_error *make_fast_never(void *env, cm32_context *cx, const cm32_fast *args, size_t nargs, cm32_fast *result) {
    (void)env;
    (void)cx;
    (void)args;
    (void)nargs;
    (void)result;
    return cm32_error_new("never called");
}

static cm32_error *fail(void *env, cm32_context *cx, const cm32_val *args, size_t nargs, cm32_val *result) {
    (void)env;
    (void)cx;
    (void)result;
    char message[64];
    snprintf(message, sizeof message, "refused: %.*s", nargs == 1 ? (int)args[0].of.string.len : 0,
             nargs == 1 ? args[0].of.string.ptr : "");
    return cm32_trap_new(CM32_TRAP_HOST, message);
}

static cm32_error *greet(void *env, cm32_context *cx, const cm32_val *args, size_t nargs, cm32_val *result) {
    (void)env;
    host_state *state = cm32_context_user_data(cx);
    if (state->wrong_result) {
        result->kind = CM32_VAL_U32;
        result->of.u32 = 7;
        return NULL;
    }
    char text[128];
    int n = snprintf(text, sizeof text, "hello, %.*s", nargs == 1 ? (int)args[0].of.string.len : 0,
                     nargs == 1 ? args[0].of.string.ptr : "");
    cm32_val_string(result, text, (size_t)n);
    return NULL;
}

/* The same two functions on the fast path. */
static cm32_error *fail_fast(void *env, cm32_context *cx, const cm32_fast *args, size_t nargs, cm32_fast *result) {
    (void)env;
    (void)cx;
    (void)result;
    char message[64];
    snprintf(message, sizeof message, "fast refused: %.*s", nargs == 1 ? (int)args[0].bytes.len : 0,
             nargs == 1 ? args[0].bytes.ptr : "");
    return cm32_trap_new(CM32_TRAP_HOST, message);
}

static char greeting[128];

static cm32_error *greet_fast(void *env, cm32_context *cx, const cm32_fast *args, size_t nargs, cm32_fast *result) {
    (void)env;
    (void)cx;
    int n = snprintf(greeting, sizeof greeting, "fast hello, %.*s", nargs == 1 ? (int)args[0].bytes.len : 0,
                     nargs == 1 ? args[0].bytes.ptr : "");
    result->bytes.ptr = greeting;
    result->bytes.len = (size_t)n;
    return NULL;
}

static cm32_error *thing_dtor(void *env, cm32_context *cx, uint32_t rep) {
    (void)env;
    host_state *state = cm32_context_user_data(cx);
    state->dtor_calls++;
    state->last_dtor_rep = rep;
    return NULL;
}

static cm32_linker *new_linker(cm32_world *world, cm32_engine *engine) {
    cm32_linker *linker = cm32_linker_new(world, engine);
    cm32_error *e;
    e = cm32_linker_define(linker, "test:api/host#make", make, NULL, finalize);
    CHECK(!e, "define make: %s", cm32_error_message(e));
    e = cm32_linker_define(linker, "test:api/host#fail", fail, NULL, finalize);
    CHECK(!e, "define fail: %s", cm32_error_message(e));
    e = cm32_linker_define(linker, "test:api/host#greet", greet, NULL, finalize);
    CHECK(!e, "define greet: %s", cm32_error_message(e));
    e = cm32_linker_resource(linker, "test:api/host#thing", thing_dtor, NULL, finalize);
    CHECK(!e, "resource thing: %s", cm32_error_message(e));
    return linker;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s WORLD.wit GUEST.wasm MISMATCH.wasm\n", argv[0]);
        return 2;
    }
    size_t guest_len = 0, mismatch_len = 0;
    unsigned char *guest = read_file(argv[2], &guest_len), *mismatch = read_file(argv[3], &mismatch_len);
    CHECK(guest && mismatch, "cannot read the modules");

    /* A bad WIT: an error, with where and what. */
    const char *bad = "package a:b;\nworld w {\n  import f: func(x: nope);\n}\n";
    cm32_world *world = NULL;
    cm32_error *e = cm32_world_parse(bad, strlen(bad), NULL, &world);
    CHECK(e && cm32_error_trap_class(e) == CM32_TRAP_NONE, "a bad WIT is an error");
    CHECK(contains(cm32_error_message(e), "cannot load a world from the WIT text") &&
              contains(cm32_error_message(e), "nope"),
          "the message names the WIT and the unknown type: %s", cm32_error_message(e));
    cm32_error_delete(e);
    e = cm32_world_load("/nonexistent/api.wit", NULL, &world);
    CHECK(e && contains(cm32_error_message(e), "/nonexistent/api.wit"), "a missing file is named");
    cm32_error_delete(e);

    e = cm32_world_load(argv[1], NULL, &world);
    CHECK(!e, "load the world: %s", e ? cm32_error_message(e) : "");

    /* The target, as `cm32 target` prints it. */
    char *target = NULL;
    e = cm32_world_target(world, CM32_MANGLING_STANDARD, &target);
    CHECK(!e && contains(target, "(import \"cm32p2|test:api/host\" \"thing_drop\" (func (param i32)))"),
          "the target names the resource's drop");
    cm32_string_delete(target);

    /* A module that does not fit the world: every violation, and no instance. */
    e = cm32_world_check(world, mismatch, mismatch_len);
    CHECK(e && contains(cm32_error_message(e), "error[wrong-signature]: export \"cm32p2||run\""),
          "check names the violation: %s", e ? cm32_error_message(e) : "(none)");
    cm32_error_delete(e);
    CHECK(cm32_world_check(world, guest, guest_len) == NULL, "the guest conforms");

    cm32_engine *engine = NULL;
    e = cm32_wasm3_engine_new(0, &engine);
    CHECK(!e, "wasm3: %s", e ? cm32_error_message(e) : "");

    /* An engine without every function is refused. */
    cm32_engine_vtable incomplete;
    memset(&incomplete, 0, sizeof incomplete);
    cm32_engine *broken = NULL;
    e = cm32_engine_new(&incomplete, NULL, NULL, &broken);
    CHECK(e && contains(cm32_error_message(e), "has no `compile` function"), "an incomplete vtable is refused");
    cm32_error_delete(e);

    cm32_linker *linker = new_linker(world, engine);
    /* An import the world does not have. */
    e = cm32_linker_define(linker, "test:api/host#nope", make, NULL, NULL);
    CHECK(e && contains(cm32_error_message(e), "has no imported function `test:api/host#nope`"),
          "an unknown import is named: %s", e ? cm32_error_message(e) : "(none)");
    cm32_error_delete(e);

    cm32_instance *instance = NULL;
    e = cm32_instance_new(linker, mismatch, mismatch_len, NULL, NULL, &instance);
    CHECK(e && cm32_error_trap_class(e) == CM32_TRAP_NONE &&
              contains(cm32_error_message(e), "does not keep to the target of world `w`"),
          "a mismatching module is not instantiated: %s", e ? cm32_error_message(e) : "(none)");
    cm32_error_delete(e);

    host_state state = {0, 0, 0};
    e = cm32_instance_new(linker, guest, guest_len, NULL, &state, &instance);
    CHECK(!e, "instantiate: %s", e ? cm32_error_message(e) : "");
    /* The instance keeps its host functions: the linker may go first. */
    cm32_linker_delete(linker);
    CHECK(finalized == 0, "nothing is finalized while an instance can call it");

    /* Strings both ways. */
    cm32_val arg, result;
    bool has_result = false;
    arg.kind = CM32_VAL_STRING;
    arg.of.string.ptr = "world";
    arg.of.string.len = 5;
    e = cm32_instance_call(instance, "hello", &arg, 1, &result, &has_result);
    CHECK(!e && has_result && result.kind == CM32_VAL_STRING && result.of.string.len == 12 &&
              memcmp(result.of.string.ptr, "hello, world", 12) == 0,
          "hello(\"world\"): %s", e ? cm32_error_message(e) : "");
    cm32_val_delete(&result);

    /* A wrong argument is an error before the guest runs. */
    arg.kind = CM32_VAL_U64;
    arg.of.u64 = 1;
    e = cm32_instance_call(instance, "hello", &arg, 1, &result, &has_result);
    CHECK(e && contains(cm32_error_message(e), "argument 0 (`name`): expected string"),
          "a u64 for a string: %s", e ? cm32_error_message(e) : "(none)");
    cm32_error_delete(e);

    /* A host resource: made, kept by the guest, dropped by the guest; the destructor gets its rep. */
    arg.kind = CM32_VAL_U32;
    arg.of.u32 = 7;
    e = cm32_instance_call(instance, "keep", &arg, 1, &result, &has_result);
    CHECK(!e && !has_result, "keep(7): %s", e ? cm32_error_message(e) : "");
    CHECK(state.dtor_calls == 0, "no destructor yet");
    e = cm32_instance_call(instance, "release", NULL, 0, &result, &has_result);
    CHECK(!e, "release(): %s", e ? cm32_error_message(e) : "");
    CHECK(state.dtor_calls == 1 && state.last_dtor_rep == 700, "the destructor ran once, for rep 700");
    /* A resource the guest defines, held by the host and dropped through the C API: the guest's
     * destructor gets its rep. */
    arg.kind = CM32_VAL_U32;
    arg.of.u32 = 5;
    e = cm32_instance_call(instance, "test:api/store#open", &arg, 1, &result, &has_result);
    CHECK(!e && has_result && result.kind == CM32_VAL_OWN && result.of.resource == 105,
          "open(5) gives the guest's counter, rep 105: %s", e ? cm32_error_message(e) : "");
    e = cm32_instance_drop_resource(instance, "test:api/store#counter", result.of.resource);
    CHECK(!e, "drop the counter: %s", e ? cm32_error_message(e) : "");
    e = cm32_instance_call(instance, "test:api/store#dropped", NULL, 0, &result, &has_result);
    CHECK(!e && has_result && result.kind == CM32_VAL_U32 && result.of.u32 == 105,
          "the guest's destructor ran for rep 105: %s", e ? cm32_error_message(e) : "");
    e = cm32_instance_drop_resource(instance, "test:api/store#nothing", 1);
    CHECK(e && contains(cm32_error_message(e), "the world has no resource `test:api/store#nothing`") &&
              contains(cm32_error_message(e), "test:api/store#counter"),
          "an unknown resource: %s", e ? cm32_error_message(e) : "(none)");
    cm32_error_delete(e);
    /* A host resource the host holds: its own destructor runs. */
    e = cm32_instance_drop_resource(instance, "test:api/host#thing", 900);
    CHECK(!e && state.dtor_calls == 2 && state.last_dtor_rep == 900, "the host's destructor ran for rep 900: %s",
          e ? cm32_error_message(e) : "");
    /* Dropping it again is a handle trap. */
    e = cm32_instance_call(instance, "release", NULL, 0, &result, &has_result);
    CHECK(e && cm32_error_trap_class(e) == CM32_TRAP_HANDLE, "a second drop: %s", e ? cm32_error_message(e) : "(none)");
    cm32_error_delete(e);
    cm32_instance_delete(instance);

    /* A trap in a host function keeps its class and message, names the function, and poisons. */
    linker = new_linker(world, engine);
    e = cm32_instance_new(linker, guest, guest_len, NULL, &state, &instance);
    CHECK(!e, "instantiate again: %s", e ? cm32_error_message(e) : "");
    arg.kind = CM32_VAL_U32;
    arg.of.u32 = 21;
    e = cm32_instance_call(instance, "run", &arg, 1, &result, &has_result);
    CHECK(!e && has_result && result.kind == CM32_VAL_U32 && result.of.u32 == 42, "run(21) is 42");
    arg.of.u32 = 0;
    e = cm32_instance_call(instance, "run", &arg, 1, &result, &has_result);
    CHECK(e && cm32_error_trap_class(e) == CM32_TRAP_HOST &&
              contains(cm32_error_message(e), "trap[host]: refused: boom (in test:api/host#fail)"),
          "the host's trap: %s", e ? cm32_error_message(e) : "(none)");
    cm32_error_delete(e);
    arg.of.u32 = 1;
    e = cm32_instance_call(instance, "run", &arg, 1, &result, &has_result);
    CHECK(e && cm32_error_trap_class(e) == CM32_TRAP_POISONED, "after a trap: %s", e ? cm32_error_message(e) : "(none)");
    cm32_error_delete(e);
    cm32_instance_delete(instance);

    /* A host function whose result has the wrong type traps; nothing wrong reaches the guest. */
    state.wrong_result = 1;
    e = cm32_instance_new(linker, guest, guest_len, NULL, &state, &instance);
    CHECK(!e, "instantiate a third time");
    arg.kind = CM32_VAL_STRING;
    arg.of.string.ptr = "x";
    arg.of.string.len = 1;
    e = cm32_instance_call(instance, "hello", &arg, 1, &result, &has_result);
    CHECK(e && cm32_error_trap_class(e) == CM32_TRAP_HOST &&
              contains(cm32_error_message(e), "the result: expected string"),
          "a wrong result: %s", e ? cm32_error_message(e) : "(none)");
    cm32_error_delete(e);
    cm32_instance_delete(instance);
    cm32_linker_delete(linker);
    /* Every callback's environment is finalized once nothing can call it: 4 per linker. */
    CHECK(finalized == 8, "finalized %d environments, expected 8", finalized);

    /* The fast path: scalars, strings and bytes in a flat array. */
    linker = cm32_linker_new(world, engine);
    e = cm32_linker_define_fast(linker, "test:api/host#make", make_fast_never, NULL, NULL);
    CHECK(e && contains(cm32_error_message(e), "does not take the fast path"),
          "a resource result is refused: %s", e ? cm32_error_message(e) : "(none)");
    cm32_error_delete(e);
    e = cm32_linker_define(linker, "test:api/host#make", make, NULL, NULL);
    CHECK(!e, "define make");
    e = cm32_linker_define_fast(linker, "test:api/host#fail", fail_fast, NULL, NULL);
    CHECK(!e, "define fail fast: %s", e ? cm32_error_message(e) : "");
    e = cm32_linker_define_fast(linker, "test:api/host#greet", greet_fast, NULL, NULL);
    CHECK(!e, "define greet fast: %s", e ? cm32_error_message(e) : "");
    e = cm32_instance_new(linker, guest, guest_len, NULL, &state, &instance);
    CHECK(!e, "instantiate on the fast path: %s", e ? cm32_error_message(e) : "");
    arg.kind = CM32_VAL_STRING;
    arg.of.string.ptr = "C";
    arg.of.string.len = 1;
    e = cm32_instance_call(instance, "hello", &arg, 1, &result, &has_result);
    CHECK(!e && has_result && result.of.string.len == 13 && memcmp(result.of.string.ptr, "fast hello, C", 13) == 0,
          "hello(\"C\") on the fast path: %s", e ? cm32_error_message(e) : "");
    cm32_val_delete(&result);
    arg.kind = CM32_VAL_U32;
    arg.of.u32 = 0;
    e = cm32_instance_call(instance, "run", &arg, 1, &result, &has_result);
    CHECK(e && contains(cm32_error_message(e), "trap[host]: fast refused: boom (in test:api/host#fail)"),
          "the fast host's trap: %s", e ? cm32_error_message(e) : "(none)");
    cm32_error_delete(e);
    cm32_instance_delete(instance);
    cm32_linker_delete(linker);

    cm32_engine_delete(engine);
    cm32_world_delete(world);
    free(guest);
    free(mismatch);
    printf("%d checks passed\n", checks);
    return 0;
}
