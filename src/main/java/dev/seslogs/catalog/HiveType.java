package dev.seslogs.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Glue/Hive column type as a tree, so the table's schema can be walked by tests (every field of
 * every SES event is declared) and rendered to the type strings Glue stores.
 */
public sealed interface HiveType {
    String render();

    record Primitive(String name) implements HiveType {
        public String render() {
            return name;
        }
    }

    record Array(HiveType element) implements HiveType {
        public String render() {
            return "array<" + element.render() + ">";
        }
    }

    /** Used where SES writes an object whose keys are data (link tags) or that is always empty ({@code send}). */
    record MapOf(HiveType key, HiveType value) implements HiveType {
        public String render() {
            return "map<" + key.render() + "," + value.render() + ">";
        }
    }

    record Field(String name, HiveType type) {}

    record Struct(List<Field> fields) implements HiveType {
        public String render() {
            return fields.stream()
                    .map(f -> f.name() + ":" + f.type().render())
                    .collect(Collectors.joining(",", "struct<", ">"));
        }

        public java.util.Optional<HiveType> field(String name) {
            return fields.stream()
                    .filter(f -> f.name().equalsIgnoreCase(name))
                    .map(Field::type)
                    .findFirst();
        }
    }

    Primitive STRING = new Primitive("string");
    Primitive BIGINT = new Primitive("bigint");
    Primitive BOOLEAN = new Primitive("boolean");

    static Field field(String name, HiveType type) {
        return new Field(name, type);
    }

    static Struct struct(Field... fields) {
        return new Struct(Arrays.asList(fields));
    }

    static Array arrayOf(HiveType element) {
        return new Array(element);
    }

    /** A struct of string fields, the shape of most SES detail objects. */
    static Struct strings(String... names) {
        return new Struct(Arrays.stream(names).map(name -> field(name, STRING)).toList());
    }
}
