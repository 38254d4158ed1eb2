package dev.lightdevops.bench.drills;

import dev.lightdevops.bench.Context;
import dev.lightdevops.bench.Suite;

public final class BadInputDrill implements Suite {
    @Override public String name() { return "drill-badinput"; }
    @Override public boolean run(Context context) { return true; }
}
