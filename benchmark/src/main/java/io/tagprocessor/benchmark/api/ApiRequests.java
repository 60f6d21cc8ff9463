package io.tagprocessor.benchmark.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * The paths each endpoint is asked with, drawn (seeded) from what {@link ApiDataset} stored: random
 * entities, 1-3 character prefixes, and tags weighted by how many entities carry them (the tag of a
 * random assignment), so popular tags are asked about as often as a real workload would.
 */
final class ApiRequests {

    private final ApiDataset dataset;
    private final Random random;

    ApiRequests(ApiDataset dataset, long seed) {
        this.dataset = dataset;
        this.random = new Random(seed);
    }

    List<String> entityTags(int count) {
        return draw(count, () -> {
            int entity = 1 + random.nextInt(dataset.entities());
            return "/api/v1/entities/" + ApiDataset.TYPES[entity % 4] + "/e-" + entity + "/tags";
        });
    }

    List<String> tagsByPrefix(int count) {
        return draw(count, () -> {
            String prefix = HexFormat.of().toHexDigits(random.nextInt()).substring(0, 1 + random.nextInt(3));
            return "/api/v1/tags?limit=50&prefix=" + prefix;
        });
    }

    List<String> tagDetail(int count) {
        return draw(count, () -> "/api/v1/tags/" + encode(tagName(weightedTag())));
    }

    /** The tag every entity's first draw lands on most: the worst case of the entity count. */
    String mostPopularTagDetail() {
        return "/api/v1/tags/" + encode(tagName(1));
    }

    /** Half first pages, half pages from a random point of the tag's entities (a keyset jump). */
    List<String> tagEntities(int count) {
        return draw(count, () -> {
            String path = "/api/v1/tags/" + encode(tagName(weightedTag())) + "/entities?limit=50";
            if (random.nextBoolean()) {
                int entity = 1 + random.nextInt(dataset.entities());
                path += "&after=" + encode(ApiDataset.TYPES[entity % 4] + ":e-" + entity);
            }
            return path;
        });
    }

    /** The tag (1-based, as named) of a random assignment. */
    private int weightedTag() {
        int entity = 1 + random.nextInt(dataset.entities());
        int k = 1 + random.nextInt(dataset.tagsPerEntity());
        double golden = entity * 0.6180339887;
        double share = ((k - 1) + (golden - Math.floor(golden))) / dataset.tagsPerEntity();
        return 1 + Math.min(dataset.tags() - 1, (int) Math.floor(dataset.tags() * Math.pow(share, 3)));
    }

    /** The name {@link ApiDataset} gave tag {@code i}: as PostgreSQL's {@code md5(i::text)}. */
    static String tagName(int i) {
        try {
            byte[] digest =
                    MessageDigest.getInstance("MD5").digest(Integer.toString(i).getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest).substring(0, 10) + "-" + i;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> draw(int count, Supplier<String> next) {
        List<String> paths = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            paths.add(next.get());
        }
        return paths;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
