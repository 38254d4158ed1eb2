package dev.lightdevops.bench.drills;

import dev.lightdevops.bench.Context;
import dev.lightdevops.bench.Suite;

public final class BrokerOutageDrill implements Suite {
    @Override public String name() { return "drill-broker"; }
    @Override public boolean run(Context context) { return true; }
}
