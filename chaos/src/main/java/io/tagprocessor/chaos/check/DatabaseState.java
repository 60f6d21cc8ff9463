package io.tagprocessor.chaos.check;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** What the service left in PostgreSQL, read once after the run. */
public record DatabaseState(
        Map<String, Claim> claims,
        Map<String, TagRow> tags,
        Map<String, Long> versions,
        Map<String, Map<String, String>> assignments) {

    /** One processed_events row. */
    public record Claim(String claimKey, int partition, long offset, String outcome, String reason) {}

    /** One tags row. */
    public record TagRow(String normalized, String display, String description, String color) {}

    private static final String SELECT_CLAIMS = """
            SELECT command_id, partition, "offset", outcome, reason FROM processed_events
            """;
    private static final String SELECT_TAGS = """
            SELECT normalized_name, display_name, description, color FROM tags
            """;
    private static final String SELECT_VERSIONS = """
            SELECT entity_type, entity_id, version FROM entities
            """;
    private static final String SELECT_ASSIGNMENTS = """
            SELECT et.entity_type, et.entity_id, t.normalized_name, t.display_name, et.command_id
            FROM entity_tags et JOIN tags t ON t.id = et.tag_id
            """;

    public static DatabaseState read(Connection connection) throws SQLException {
        Map<String, Claim> claims = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(SELECT_CLAIMS);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                claims.put(
                        rs.getString(1),
                        new Claim(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getString(4), rs.getString(5)));
            }
        }
        Map<String, TagRow> tags = new HashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(SELECT_TAGS);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tags.put(
                        rs.getString(1),
                        new TagRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
            }
        }
        Map<String, Long> versions = new TreeMap<>();
        try (PreparedStatement ps = connection.prepareStatement(SELECT_VERSIONS);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                versions.put(rs.getString(1) + ":" + rs.getString(2), rs.getLong(3));
            }
        }
        Map<String, Map<String, String>> assignments = new TreeMap<>();
        try (PreparedStatement ps = connection.prepareStatement(SELECT_ASSIGNMENTS);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                assignments
                        .computeIfAbsent(rs.getString(1) + ":" + rs.getString(2), k -> new TreeMap<>())
                        .put(rs.getString(3), rs.getString(4) + "|" + rs.getString(5));
            }
        }
        return new DatabaseState(claims, tags, versions, assignments);
    }
}
