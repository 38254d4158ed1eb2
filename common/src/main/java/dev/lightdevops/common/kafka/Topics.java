package dev.lightdevops.common.kafka;

/** The topic names of the Kafka contract (DESIGN.md §4). */
public final class Topics {

    /** Commands to execute, keyed by target so one target's commands stay in order. */
    public static final String COMMANDS = "ops.commands";
    /** Full operation snapshots, keyed by operation id; compacted. */
    public static final String STATUS = "ops.status";
    /** Cancel requests, keyed by operation id; every worker reads all of it. */
    public static final String CONTROL = "ops.control";
    /** Who did what, keyed by principal; append-only. */
    public static final String AUDIT = "ops.audit";
    /** What is live per target, keyed by {@code service@environment}; compacted. */
    public static final String DEPLOYMENTS = "ops.deployments";
    /**
     * Approval claims (approve, reject, expire, withdraw), keyed by operation id: the one order every api instance
     * decides an operation's approval by, so that exactly one claim decides it. Read by the api only.
     */
    public static final String APPROVALS = "ops.approvals";
    /**
     * Answers to confirmation questions (MCP elicitation), keyed by question id, for the api instance that asked:
     * the client's answer may reach any instance. Every api instance reads all of it; short retention.
     */
    public static final String CONFIRMATIONS = "ops.confirmations";
    /**
     * What each deploy target itself reports is live (a Kubernetes Deployment's image and replicas), keyed by
     * {@code service@environment}; compacted. Written by workers, beside {@link #DEPLOYMENTS} and never instead of it.
     */
    public static final String OBSERVED_DEPLOYMENTS = "ops.deployments.observed";
    /** Commands that could not be processed, with the reason. */
    public static final String COMMANDS_DLT = "ops.commands.dlt";

    private Topics() {
    }
}
