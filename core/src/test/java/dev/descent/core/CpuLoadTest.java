package dev.descent.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

/** The arithmetic of the start-up thread choice; its effect under load is measured by benchmarks. */
class CpuLoadTest {

    @Test
    void foreignCoresAreTheMachinesBusyTicksLessThisProcesss() {
        // 1 s on 2 cores: 200 ticks, 150 busy of which 60 ours: 90 ticks = 0.9 cores elsewhere
        CpuLoad.Sample before = new CpuLoad.Sample(0, 1000, 5000, 100);
        CpuLoad.Sample after = new CpuLoad.Sample(1_000_000_000L, 1150, 5200, 160);
        assertEquals(0.9, CpuLoad.foreignCores(before, after, 2), 1e-12);
        assertTrue(Double.isNaN(CpuLoad.foreignCores(before, new CpuLoad.Sample(1_000_000, 1150, 5200, 160), 2)), "too short a window");
        assertTrue(Double.isNaN(CpuLoad.foreignCores(null, after, 2)));
    }

    @Test
    void halfABusyCoreCostsAThread() {
        assertEquals(2, CpuLoad.threadsBeside(0.0, 2));
        assertEquals(2, CpuLoad.threadsBeside(0.49, 2));
        assertEquals(1, CpuLoad.threadsBeside(0.5, 2));
        assertEquals(1, CpuLoad.threadsBeside(2.0, 2));
        assertEquals(2, CpuLoad.threadsBeside(Double.NaN, 2), "nothing measured: all cores");
        assertEquals(7, CpuLoad.threadsBeside(1.0, 8));
        assertEquals(1, CpuLoad.threadsBeside(0.0, 1));
    }

    @Test
    void readsTheCountersOnLinux() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"));
        CpuLoad.Sample s = CpuLoad.sample();
        assertNotNull(s);
        assertTrue(s.machineTotal() > 0 && s.machineBusy() >= s.selfBusy() - 1 && s.selfBusy() >= 0, s.toString());
    }
}
