package dev.lightdevops.bench.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HeapProbeTest {

    @Test
    void theSerialCollectorsGenerationsAreAddedUpAndMetaspaceIsNotCounted() {
        String serial = """
                 DefNew     total 40128K, used 2048K [0x00000000ec000000, 0x00000000eeb80000)
                  eden space 35712K,   5% used [0x00000000ec000000, 0x00000000edbb6ca8, 0x00000000ee2e0000)
                  from space 4416K,   0% used [0x00000000ee2e0000, 0x00000000ee4a0c98, 0x00000000ee730000)
                 Tenured    total 288948K, used 202752K [0x00000000f2aa0000, 0x0000000100000000)
                   the space 288948K,  70% used [0x00000000f2aa0000, 0x00000000f6ffb158, 0x00000000f817d000)
                 Metaspace       used 98304K, committed 99000K, reserved 1179648K
                  class space    used 12288K, committed 13000K, reserved 1048576K
                """;

        assertThat(HeapProbe.usedMegabytes(serial)).isEqualTo(200.0);
    }

    @Test
    void g1PrintsTheWholeHeapOnOneLine() {
        String g1 = """
                 garbage-first heap   total 262144K, used 131072K [0x00000000c0000000, 0x0000000100000000)
                  region size 1024K, 3 young (3072K), 0 survivors (0K)
                 Metaspace       used 98304K, committed 99000K, reserved 1179648K
                  class space    used 12288K, committed 13000K, reserved 1048576K
                """;

        assertThat(HeapProbe.usedMegabytes(g1)).isEqualTo(128.0);
        assertThat(HeapProbe.usedMegabytes("Unable to open socket file")).isNaN();
    }
}
