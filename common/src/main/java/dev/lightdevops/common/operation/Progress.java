package dev.lightdevops.common.operation;

/** How far a running operation has come: a percentage, the current stage and a line for people. */
public record Progress(int percent, String stage, String message) {
}
