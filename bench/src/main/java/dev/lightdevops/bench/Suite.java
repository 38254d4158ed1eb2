package dev.lightdevops.bench;

/** One benchmark or fault drill. */
public interface Suite {

    String name();

    /** Runs it and reports; false when a drill found a loss or a broken invariant (benchmarks report, never fail). */
    boolean run(SuiteSetup context) throws Exception;
}
