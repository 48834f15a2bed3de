package dev.persona.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** The peak resident set size of a process: VmHWM ("high water mark") in /proc/&lt;pid&gt;/status, Linux only. */
public final class PeakRss {

    /** Where the suite's start script writes profile-service's pid, relative to the directory it runs in. */
    public static final Path PID_FILE = Path.of(".persona", "run", "profile-service.pid");

    private PeakRss() {
    }

    /** The explicit pid, else the one in {@code pidFile} if that file exists and holds a number. */
    public static OptionalLong pid(Long explicit, Path pidFile) {
        if (explicit != null) {
            return OptionalLong.of(explicit);
        }
        try {
            return OptionalLong.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Peak RSS in MiB; empty when the process or /proc does not exist. */
    public static OptionalDouble megabytes(long pid) {
        try {
            OptionalLong kilobytes = vmHwmKilobytes(Files.readString(Path.of("/proc", Long.toString(pid), "status")));
            return kilobytes.isPresent() ? OptionalDouble.of(kilobytes.getAsLong() / 1024.0) : OptionalDouble.empty();
        } catch (IOException e) {
            return OptionalDouble.empty();
        }
    }

    /** The VmHWM line of a /proc status text, for example "VmHWM:	  123456 kB". */
    static OptionalLong vmHwmKilobytes(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmHWM:")) {
                String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
                try {
                    return OptionalLong.of(Long.parseLong(parts[0]));
                } catch (NumberFormatException e) {
                    return OptionalLong.empty();
                }
            }
        }
        return OptionalLong.empty();
    }
}
