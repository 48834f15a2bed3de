package dev.persona.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** The peak resident set size of a process: VmHWM ("high water mark") in /proc/&lt;pid&gt;/status, Linux only. */
public final class PeakRss {

    private PeakRss() {
    }

    /**
     * A service's peak RSS as a bench reports it.
     *
     * @param service   the service's name, for example "profile-service"
     * @param pidFile   where its pid was looked for when --service-pid was not given
     * @param pid       the pid, if known
     * @param megabytes the peak RSS in MiB, if the process and /proc exist
     */
    public record Reading(String service, Path pidFile, OptionalLong pid, OptionalDouble megabytes) {

        /** The peak RSS of the process {@code explicitPid}, else of the one in the suite's pid file of the service. */
        public static Reading of(String service, Long explicitPid) {
            Path pidFile = PeakRss.pidFile(service);
            OptionalLong pid = PeakRss.pid(explicitPid, pidFile);
            return new Reading(service, pidFile, pid,
                    pid.isPresent() ? PeakRss.megabytes(pid.getAsLong()) : OptionalDouble.empty());
        }

        /** For example "profile-service peak RSS: 512.3 MiB (pid 4242)". */
        public String describe() {
            return service + " peak RSS: " + (megabytes.isPresent()
                    ? String.format(Locale.ROOT, "%.1f MiB (pid %d)", megabytes.getAsDouble(), pid.getAsLong())
                    : "unknown (no --service-pid, no readable " + pidFile + ", or no /proc)");
        }
    }

    /** Where the suite's start script writes a service's pid, relative to the directory it runs in. */
    public static Path pidFile(String service) {
        return Path.of(".persona", "run", service + ".pid");
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
