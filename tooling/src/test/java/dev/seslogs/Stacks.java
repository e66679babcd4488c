package dev.seslogs;

import dev.seslogs.config.StackConfig;
import dev.seslogs.simulation.SimulatedAws;
import dev.seslogs.simulation.StackSimulation;
import java.util.LinkedHashMap;
import java.util.Map;

/** The one way tests run the stack: the real program, against the simulated AWS. */
public final class Stacks {
    private Stacks() {}

    /** The least a stack needs: a region. */
    public static Map<String, String> minimalConfig() {
        return Map.of("ses-logs:region", SimulatedAws.DEFAULT_REGION);
    }

    /** A realistic stack: two domains (one adopted), one address, one subscriber. */
    public static Map<String, String> typicalConfig() {
        var config = new LinkedHashMap<String, String>(minimalConfig());
        config.put("ses-logs:identities", "[\"example.com\", \"mail.example.org\", \"alerts@example.net\"]");
        config.put("ses-logs:existingIdentities", "[\"mail.example.org\"]");
        config.put("ses-logs:notificationEmails", "[\"postmaster@example.com\"]");
        return config;
    }

    public static Map<String, String> with(Map<String, String> base, String key, String value) {
        var config = new LinkedHashMap<>(base);
        config.put(key.contains(":") ? key : "ses-logs:" + key, value);
        return config;
    }

    public static Map<String, String> without(Map<String, String> base, String key) {
        var config = new LinkedHashMap<>(base);
        config.remove(key.contains(":") ? key : "ses-logs:" + key);
        return config;
    }

    public static StackSimulation.Result typical() {
        return run(typicalConfig()).orThrow();
    }

    public static StackSimulation.Result run(Map<String, String> config) {
        return run(config, new SimulatedAws());
    }

    public static StackSimulation.Result run(Map<String, String> config, SimulatedAws aws) {
        return StackSimulation.run("dev", StackConfig.of(config), aws, App::stack);
    }
}
