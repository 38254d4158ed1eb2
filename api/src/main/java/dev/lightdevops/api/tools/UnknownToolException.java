package dev.lightdevops.api.tools;

/** No tool of that name exists (or the caller may not see it). */
public class UnknownToolException extends RuntimeException {

    public UnknownToolException(String name) {
        super("unknown tool '" + name + "'; tools/list names the tools you may call");
    }
}
