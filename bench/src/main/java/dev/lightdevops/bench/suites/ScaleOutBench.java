package dev.lightdevops.bench.suites;

import dev.lightdevops.bench.Context;
import dev.lightdevops.bench.Suite;

public final class ScaleOutBench implements Suite {
    @Override public String name() { return "scaleout"; }
    @Override public boolean run(Context context) { return true; }
}
