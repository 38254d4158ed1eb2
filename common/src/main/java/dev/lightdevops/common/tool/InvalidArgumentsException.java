package dev.lightdevops.common.tool;

/** A tool's arguments do not satisfy its input schema; the message names the argument and what is wrong. */
public class InvalidArgumentsException extends RuntimeException {

    private final String argument;

    public InvalidArgumentsException(String argument, String problem) {
        super(argument == null ? problem : "argument '" + argument + "': " + problem);
        this.argument = argument;
    }

    public String argument() {
        return argument;
    }
}
