package dev.lightdevops.bench.process;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of a JVM: a full GC through {@code jcmd GC.run}, then the used size from {@code GC.heap_info}: the sum
 * over the heap's generations (G1 prints one line for the whole heap; the serial collector one per generation, young
 * first), not counting metaspace, which that command prints too.
 */
public final class HeapProbe {

    private static final Pattern USED = Pattern.compile("(?m)^(?!\\s*(?:Metaspace|class space)).*?\\bused (\\d+)K");

    private HeapProbe() {
    }

    /** Megabytes of heap in use after a full GC, or NaN when jcmd could not tell. */
    public static double liveHeapMegabytes(ChildProcess process, Path java) {
        Path jcmd = java.resolveSibling("jcmd");
        try {
            run(jcmd, process.pid(), "GC.run");
            return usedMegabytes(run(jcmd, process.pid(), "GC.heap_info"));
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    /** The heap's used megabytes in the text of {@code GC.heap_info}, or NaN when it names none. */
    static double usedMegabytes(String heapInfo) {
        Matcher used = USED.matcher(heapInfo);
        long kilobytes = 0;
        boolean found = false;
        while (used.find()) {
            kilobytes += Long.parseLong(used.group(1));
            found = true;
        }
        return found ? kilobytes / 1024.0 : Double.NaN;
    }

    private static String run(Path jcmd, long pid, String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), command).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output;
    }
}
