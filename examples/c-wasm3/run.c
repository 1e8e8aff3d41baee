/*
 * cm32-wasm3: runs a wasi:cli/command program on wasm3, through cm32's C API only.
 *
 *   cm32-wasm3 [--dir HOST[::GUEST[::ro]]]... [--env KEY=VALUE]... FILE [ARG]...
 *
 * FILE is a core module of the wasi:cli/command world's target (either mangling) or a
 * component wasm3 can link (one memory; no tables or globals passed between modules). The
 * program gets FILE and ARGs as its arguments, the variables given, this process's stdin, stdout
 * and stderr, and the directories given. The exit status is the program's; 134 if it traps (as
 * for `cm32 run`), 2 if it cannot be run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cm32.h"
#include "cm32_wasm3.h"

static int fail(const char *what, cm32_error *e) {
    fprintf(stderr, "error: %s: %s\n", what, cm32_error_message(e));
    cm32_error_delete(e);
    return 2;
}

static unsigned char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, used = 0;
    unsigned char *buf = malloc(cap);
    size_t n;
    while (buf && (n = fread(buf + used, 1, cap - used, f)) > 0) {
        used += n;
        if (used == cap) {
            unsigned char *bigger = realloc(buf, cap *= 2);
            if (!bigger) {
                free(buf);
                buf = NULL;
            }
            buf = bigger;
        }
    }
    fclose(f);
    *len = used;
    return buf;
}

int main(int argc, char **argv) {
    cm32_wasi_config *wasi = cm32_wasi_config_new();
    int i = 1;
    for (; i < argc; i++) {
        if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc) {
            /* HOST, HOST::GUEST or HOST::GUEST::ro, as for `cm32 run`. */
            char *spec = argv[++i], *guest = spec, *sep = strstr(spec, "::");
            int read_only = 0;
            if (sep) {
                *sep = 0;
                guest = sep + 2;
                char *ro = strstr(guest, "::");
                if (ro) {
                    *ro = 0;
                    read_only = strcmp(ro + 2, "ro") == 0;
                }
            }
            cm32_error *e = cm32_wasi_config_preopen_dir(wasi, spec, guest, read_only);
            if (e) return fail("--dir", e);
        } else if (strcmp(argv[i], "--env") == 0 && i + 1 < argc) {
            char *pair = argv[++i], *eq = strchr(pair, '=');
            if (!eq) {
                fprintf(stderr, "error: --env %s: expected KEY=VALUE\n", pair);
                return 2;
            }
            *eq = 0;
            cm32_error *e = cm32_wasi_config_env(wasi, pair, eq + 1);
            if (e) return fail("--env", e);
        } else {
            break;
        }
    }
    if (i >= argc) {
        fprintf(stderr, "usage: %s [--dir HOST[::GUEST[::ro]]]... [--env KEY=VALUE]... FILE [ARG]...\n", argv[0]);
        return 2;
    }
    const char *file = argv[i];
    for (; i < argc; i++) {
        cm32_error *e = cm32_wasi_config_arg(wasi, argv[i]);
        if (e) return fail("argument", e);
    }
    cm32_wasi_config_inherit_stdio(wasi);

    size_t len = 0;
    unsigned char *wasm = read_file(file, &len);
    if (!wasm) {
        fprintf(stderr, "error: cannot read %s\n", file);
        return 2;
    }
    cm32_world *world = NULL;
    cm32_engine *engine = NULL;
    cm32_error *e = cm32_world_wasi_command(&world);
    if (e) return fail("the wasi:cli/command world", e);
    e = cm32_wasm3_engine_new(0, &engine);
    if (e) return fail("wasm3", e);
    cm32_linker *linker = cm32_linker_new(world, engine);
    e = cm32_linker_add_wasi(linker);
    if (e) return fail("WASI", e);
    cm32_instance *instance = NULL;
    e = cm32_instance_new(linker, wasm, len, wasi, NULL, &instance);
    free(wasm);
    int status = 2;
    if (e) {
        int exit_status;
        if (cm32_error_exit_status(e, &exit_status)) {
            status = exit_status;
            cm32_error_delete(e);
        } else if (cm32_error_trap_class(e) != CM32_TRAP_NONE) {
            fprintf(stderr, "error: the program trapped: %s\n", cm32_error_message(e));
            cm32_error_delete(e);
            status = 134;
        } else {
            fprintf(stderr, "error: cannot link %s: %s\n", file, cm32_error_message(e));
            cm32_error_delete(e);
        }
    } else {
        e = cm32_instance_run_command(instance, &status);
        if (e) {
            fprintf(stderr, "error: the program trapped: %s\n", cm32_error_message(e));
            cm32_error_delete(e);
            status = 134;
        }
        cm32_instance_delete(instance);
    }
    cm32_linker_delete(linker);
    cm32_engine_delete(engine);
    cm32_world_delete(world);
    fflush(stdout);
    return status;
}
