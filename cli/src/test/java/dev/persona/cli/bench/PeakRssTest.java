package dev.persona.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeakRssTest {

    @TempDir
    Path dir;

    @Test
    void vmHwmIsReadFromTheStatusText() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  524288 kB\nVmRSS:\t  400000 kB\n";
        assertEquals(OptionalLong.of(524_288), PeakRss.vmHwmKilobytes(status));
        assertTrue(PeakRss.vmHwmKilobytes("Name:\tkthreadd\n").isEmpty());
    }

    @Test
    void thePidComesFromTheOptionElseFromThePidFile() throws IOException {
        Path pidFile = Files.writeString(dir.resolve("profile-service.pid"), "4242\n");
        assertEquals(OptionalLong.of(7), PeakRss.pid(7L, pidFile));
        assertEquals(OptionalLong.of(4242), PeakRss.pid(null, pidFile));
        assertTrue(PeakRss.pid(null, dir.resolve("absent.pid")).isEmpty());
    }

    @Test
    void anAbsentProcessHasNoPeak() {
        assertTrue(PeakRss.megabytes(Long.MAX_VALUE).isEmpty());
    }
}
