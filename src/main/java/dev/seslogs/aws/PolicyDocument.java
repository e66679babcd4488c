package dev.seslogs.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An IAM policy document (identity, trust or resource policy), serialised with Jackson. */
public final class PolicyDocument {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Statement> statements;

    private PolicyDocument(List<Statement> statements) {
        this.statements = List.copyOf(statements);
    }

    public static PolicyDocument of(Statement... statements) {
        return new PolicyDocument(List.of(statements));
    }

    public static PolicyDocument of(List<Statement> statements) {
        return new PolicyDocument(statements);
    }

    public String toJson() {
        var root = JSON.createObjectNode();
        root.put("Version", "2012-10-17");
        var array = root.putArray("Statement");
        statements.forEach(statement -> array.add(statement.toNode()));
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Statement allow(String sid) {
        return new Statement(sid, "Allow");
    }

    public static Statement deny(String sid) {
        return new Statement(sid, "Deny");
    }

    /** One statement; {@code condition(operator, key, value)} calls accumulate. */
    public static final class Statement {
        private final String sid;
        private final String effect;
        private final Map<String, List<String>> principals = new TreeMap<>();
        private final List<String> actions = new ArrayList<>();
        private final List<String> resources = new ArrayList<>();
        private final Map<String, Map<String, List<String>>> conditions = new TreeMap<>();

        private Statement(String sid, String effect) {
            this.sid = sid;
            this.effect = effect;
        }

        public Statement servicePrincipal(String service) {
            principals.computeIfAbsent("Service", k -> new ArrayList<>()).add(service);
            return this;
        }

        /** An account ({@code arn:aws:iam::<account>:root}) or role ARN. */
        public Statement accountPrincipal(String arn) {
            principals.computeIfAbsent("AWS", k -> new ArrayList<>()).add(arn);
            return this;
        }

        /** {@code "Principal": "*"}, only for Deny statements that must apply to everyone. */
        public Statement anyPrincipal() {
            principals.put("*", List.of());
            return this;
        }

        public Statement actions(String... names) {
            actions.addAll(List.of(names));
            return this;
        }

        public Statement resources(String... arns) {
            resources.addAll(List.of(arns));
            return this;
        }

        /** {@code "Condition": {operator: {key: value}}}; several values match if any one does. */
        public Statement condition(String operator, String key, String... values) {
            conditions.computeIfAbsent(operator, k -> new TreeMap<>()).put(key, List.of(values));
            return this;
        }

        ObjectNode toNode() {
            var node = JSON.createObjectNode();
            node.put("Sid", sid);
            node.put("Effect", effect);
            if (principals.containsKey("*")) {
                node.put("Principal", "*");
            } else if (!principals.isEmpty()) {
                var principal = node.putObject("Principal");
                principals.forEach((type, values) -> putOneOrMany(principal, type, values));
            }
            putOneOrMany(node, "Action", actions);
            putOneOrMany(node, "Resource", resources);
            if (!conditions.isEmpty()) {
                var condition = node.putObject("Condition");
                conditions.forEach((operator, entries) -> {
                    var operatorNode = condition.putObject(operator);
                    entries.forEach((key, values) -> putOneOrMany(operatorNode, key, values));
                });
            }
            return node;
        }

        private static void putOneOrMany(ObjectNode node, String field, List<String> values) {
            if (values.isEmpty()) {
                return;
            }
            if (values.size() == 1) {
                node.put(field, values.get(0));
            } else {
                ArrayNode array = node.putArray(field);
                values.forEach(array::add);
            }
        }
    }
}
