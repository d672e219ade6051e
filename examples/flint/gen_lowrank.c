/*
 * gen_lowrank: writes a seeded random integer matrix of known rank as Matrix Market.
 *
 *   gen_lowrank ROWS COLS RANK SEED > FILE.mtx
 *
 * The matrix is B*C with B ROWS x RANK and C RANK x COLS, entries uniform in [-5, 5] drawn from
 * splitmix64(SEED) (B row by row, then C row by row): the same family as `hessrank bench`
 * (whose generator differs, so the entries differ). Its rank is RANK with overwhelming
 * probability; hessrank and FLINT both report it. Written as "array integer general"
 * (column-major, one value per line), which `hessrank matrix-rank` and flint_rank read.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t state;

static uint64_t splitmix64(void) {
    uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: gen_lowrank ROWS COLS RANK SEED > FILE.mtx\n");
        return 2;
    }
    long m = atol(argv[1]), n = atol(argv[2]), r = atol(argv[3]);
    state = strtoull(argv[4], NULL, 10);
    if (m < 1 || n < 1 || r < 0 || r > m || r > n) {
        fprintf(stderr, "gen_lowrank: need ROWS, COLS >= 1 and 0 <= RANK <= min(ROWS, COLS)\n");
        return 2;
    }
    int *b = malloc(sizeof(int) * m * (r ? r : 1)), *c = malloc(sizeof(int) * (r ? r : 1) * n);
    long *a = calloc((size_t) m * n, sizeof(long));
    if (!b || !c || !a) {
        fprintf(stderr, "gen_lowrank: out of memory\n");
        return 1;
    }
    for (long k = 0; k < m * r; k++) b[k] = (int) (splitmix64() % 11) - 5;
    for (long k = 0; k < r * n; k++) c[k] = (int) (splitmix64() % 11) - 5;
    for (long i = 0; i < m; i++)
        for (long k = 0; k < r; k++) {
            long f = b[i * r + k];
            if (f == 0) continue;
            for (long j = 0; j < n; j++) a[i * n + j] += f * c[k * n + j];
        }
    printf("%%%%MatrixMarket matrix array integer general\n");
    printf("%% gen_lowrank %ld %ld %ld %s: B*C, entries of B, C uniform in [-5,5] (splitmix64)\n", m, n, r, argv[4]);
    printf("%ld %ld\n", m, n);
    for (long j = 0; j < n; j++)
        for (long i = 0; i < m; i++) printf("%ld\n", a[i * n + j]);
    return 0;
}
