package dev.lightdevops.bench.drills;

import dev.lightdevops.bench.Context;
import dev.lightdevops.bench.Suite;

public final class WorkerKillDrill implements Suite {
    @Override public String name() { return "drill-kill"; }
    @Override public boolean run(Context context) { return true; }
}
