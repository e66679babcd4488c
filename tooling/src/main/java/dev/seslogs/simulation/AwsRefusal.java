package dev.seslogs.simulation;

/** What AWS would answer to a request it refuses: the simulated equivalent of a failed deploy. */
public final class AwsRefusal extends RuntimeException {
    public AwsRefusal(String type, String name, String message) {
        super(type + " \"" + name + "\": " + message);
    }
}
