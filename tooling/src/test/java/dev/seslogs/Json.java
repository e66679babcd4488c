package dev.seslogs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads the policy documents the stack declares, as AWS would. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    public static JsonNode parse(Object document) {
        try {
            return MAPPER.readTree(String.valueOf(document));
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + document, e);
        }
    }

    /** The statement with this Sid in a policy document. */
    public static JsonNode statement(Object policyDocument, String sid) {
        for (var statement : parse(policyDocument).get("Statement")) {
            if (sid.equals(statement.path("Sid").asText())) {
                return statement;
            }
        }
        throw new AssertionError("no statement " + sid + " in " + policyDocument);
    }

    /** A field that IAM accepts as a string or a list, as a list of strings. */
    public static java.util.List<String> strings(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return java.util.List.of();
        }
        if (node.isTextual()) {
            return java.util.List.of(node.asText());
        }
        var values = new java.util.ArrayList<String>();
        node.forEach(element -> values.add(element.asText()));
        return values;
    }
}
