package org.ptreplay.tools.sweep;

/** A column of the tidy table: its name and the type of its values (null allowed in every column). */
public record Column(String name, Type type) {

    /** Value types: {@link String}, {@link Long}, {@link Double}. */
    public enum Type { STRING, LONG, DOUBLE }

    /** The cell's text in the CSV: empty for null; doubles as {@link Double#toString}, which reads back exactly. */
    public String format(Object value) {
        return value == null ? "" : value.toString();
    }

    /** The value of a CSV field written by {@link #format}. */
    public Object parse(String field) {
        if (field.isEmpty() && type != Type.STRING) {
            return null;
        }
        return switch (type) {
            case STRING -> field;
            case LONG -> Long.parseLong(field);
            case DOUBLE -> Double.parseDouble(field);
        };
    }
}
