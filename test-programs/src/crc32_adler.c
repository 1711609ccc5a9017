/* CRC-32 (table and bitwise), CRC-32C, Adler-32 and FNV-1a over generated
 * buffers at many lengths and offsets; plus the SSE4.2 crc32 instruction is
 * NOT used (CPUID-dependent). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t table[256], table_c[256];

static void make_tables(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i, d = i;
        for (int k = 0; k < 8; k++) {
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
            d = d & 1 ? 0x82f63b78u ^ (d >> 1) : d >> 1;
        }
        table[i] = c;
        table_c[i] = d;
    }
}

static uint32_t crc32_tab(const uint8_t *p, size_t n, const uint32_t *t) {
    uint32_t c = 0xffffffffu;
    while (n--) c = t[(c ^ *p++) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

static uint32_t crc32_bits(const uint8_t *p, size_t n) {
    uint32_t c = 0xffffffffu;
    while (n--) {
        c ^= *p++;
        for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xedb88320u & -(c & 1));
    }
    return ~c;
}

static uint32_t adler32(const uint8_t *p, size_t n) {
    uint32_t a = 1, b = 0;
    while (n--) {
        a = (a + *p++) % 65521;
        b = (b + a) % 65521;
    }
    return b << 16 | a;
}

static uint64_t fnv1a(const uint8_t *p, size_t n) {
    uint64_t h = 0xcbf29ce484222325ULL;
    while (n--) h = (h ^ *p++) * 0x100000001b3ULL;
    return h;
}

int main(void) {
    make_tables();
    printf("crc32(\"123456789\") = %08x (check cbf43926)\n", crc32_tab((const uint8_t *)"123456789", 9, table));
    printf("crc32c(\"123456789\") = %08x (check e3069283)\n", crc32_tab((const uint8_t *)"123456789", 9, table_c));
    printf("adler32(\"Wikipedia\") = %08x (check 11e60398)\n", adler32((const uint8_t *)"Wikipedia", 9));
    static uint8_t buf[1 << 16];
    uint32_t x = 1;
    for (size_t i = 0; i < sizeof buf; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        buf[i] = (uint8_t)x;
    }
    for (size_t len = 0; len <= 4096; len = len * 2 + 1) {
        for (size_t off = 0; off < 8; off += 3) {
            const uint8_t *p = buf + off;
            uint32_t a = crc32_tab(p, len, table), b = crc32_bits(p, len);
            printf("len %4zu off %zu: crc32 %08x %s crc32c %08x adler %08x fnv %016llx\n", len, off, a,
                   a == b ? "=" : "MISMATCH", crc32_tab(p, len, table_c), adler32(p, len), (unsigned long long)fnv1a(p, len));
        }
    }
    printf("whole buffer: %08x %08x\n", crc32_tab(buf, sizeof buf, table), adler32(buf, sizeof buf));
    return 0;
}
