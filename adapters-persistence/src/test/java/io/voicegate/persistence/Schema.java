package io.voicegate.persistence;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** What the schema looks like, read from JDBC metadata, and a brute-force search through every column. */
final class Schema {

    /** Column names that tie a row to a person (directly, or through a pseudonym). */
    static final Pattern USER_COLUMN = Pattern.compile(
            "(user_id|owner_id|subject|subject_id|actor|email|caller|caller_id|[a-z_]*_user_id)");

    private Schema() {
    }

    /** Every table of the current schema with its columns and their JDBC types. */
    static Map<String, Map<String, Integer>> tables(DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            var metadata = connection.getMetaData();
            var result = new LinkedHashMap<String, Map<String, Integer>>();
            try (var tables = metadata.getTables(connection.getCatalog(), connection.getSchema(), "%", new String[]{"TABLE"})) {
                while (tables.next()) result.put(tables.getString("TABLE_NAME").toLowerCase(Locale.ROOT), new LinkedHashMap<>());
            }
            for (var table : result.keySet()) {
                try (var columns = metadata.getColumns(connection.getCatalog(), connection.getSchema(), table, "%")) {
                    while (columns.next()) {
                        var type = columns.getInt("DATA_TYPE");
                        if ("uuid".equalsIgnoreCase(columns.getString("TYPE_NAME"))) type = Types.OTHER;
                        result.get(table).put(columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT), type);
                    }
                }
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Tables that hold rows about a person: {@code users} itself, every table with a user column, and every table
     * whose foreign key points at one of those (a transcript turn belongs to a session, which belongs to a person).
     */
    static Set<String> personalTables(DataSource dataSource) {
        var personal = new TreeSet<String>();
        var tables = tables(dataSource);
        tables.forEach((table, columns) -> {
            if (table.equals("users") || columns.keySet().stream().anyMatch(c -> USER_COLUMN.matcher(c).matches())) {
                personal.add(table);
            }
        });
        var references = foreignKeys(dataSource, tables.keySet());
        boolean grew = true;
        while (grew) {
            grew = false;
            for (var entry : references.entrySet()) {
                if (!personal.contains(entry.getKey()) && entry.getValue().stream().anyMatch(personal::contains)) {
                    grew = personal.add(entry.getKey());
                }
            }
        }
        return personal;
    }

    /** For each table, the tables its foreign keys point at. */
    static Map<String, Set<String>> foreignKeys(DataSource dataSource, Set<String> tables) {
        try (var connection = dataSource.getConnection()) {
            var metadata = connection.getMetaData();
            var result = new LinkedHashMap<String, Set<String>>();
            for (var table : tables) {
                var targets = new TreeSet<String>();
                for (var name : List.of(table, table.toUpperCase(Locale.ROOT))) {
                    try (var keys = metadata.getImportedKeys(connection.getCatalog(), connection.getSchema(), name)) {
                        while (keys.next()) targets.add(keys.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT));
                    }
                }
                result.put(table, targets);
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every {@code table.column} whose text form contains the needle (case-insensitive). */
    static List<String> find(DataSource dataSource, String needle) {
        var hits = new ArrayList<String>();
        try (Connection connection = dataSource.getConnection()) {
            tables(dataSource).forEach((table, columns) -> columns.forEach((column, type) -> {
                if (isBinary(type)) return;
                var sql = "SELECT count(*) FROM " + table + " WHERE LOWER(CAST(" + column + " AS VARCHAR(100000))) LIKE ?";
                try (var statement = connection.prepareStatement(sql)) {
                    statement.setString(1, "%" + needle.toLowerCase(Locale.ROOT) + "%");
                    try (var rs = statement.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) > 0) hits.add(table + "." + column);
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot search " + table + "." + column, e);
                }
            }));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return hits;
    }

    private static boolean isBinary(int type) {
        return type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY || type == Types.BLOB;
    }
}
