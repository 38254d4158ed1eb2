package dev.lightdevops.bench.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The live heap of a JVM: a full GC through {@code jcmd GC.run}, then the used size from {@code GC.heap_info}. */
public final class HeapProbe {

    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private HeapProbe() {
    }

    /** Megabytes of heap in use after a full GC, or NaN when jcmd could not tell. */
    public static double liveHeapMegabytes(ChildProcess process, Path java) {
        Path jcmd = java.resolveSibling("jcmd");
        try {
            run(jcmd, process.pid(), "GC.run");
            Matcher used = USED.matcher(run(jcmd, process.pid(), "GC.heap_info"));
            return used.find() ? Long.parseLong(used.group(1)) / 1024.0 : Double.NaN;
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    private static String run(Path jcmd, long pid, String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), command).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output;
    }
}
